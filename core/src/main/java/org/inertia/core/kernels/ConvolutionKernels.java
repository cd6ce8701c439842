package org.inertia.core.kernels;

import java.nio.ByteBuffer;
import org.inertia.core.BackwardInto;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Window2d;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast form of {@code ops.Convolution.conv2d}: libnd4j's native {@code conv2d} / {@code conv2d_bp}
 * (im2col + GEMM, oneDNN for float32), parameter gradients written straight into their buffers
 * ({@link BackwardInto}), and a cheaper weight gradient for a first layer, whose input needs none.
 * Undilated windows only (the caller sends dilated ones to the readable form).
 */
public final class ConvolutionKernels {
    /** libnd4j: data format 0 = NCHW; weight format 1 = [oC, iC, kH, kW]. */
    private static final long NCHW = 0;
    private static final long OIHW = 1;

    private ConvolutionKernels() {
    }

    /** libnd4j's leading integer arguments of a window op: kH, kW, sH, sW, pH, pW, dH, dW, same-mode 0, then {@code extra}. */
    static long[] args(Window2d w, long... extra) {
        long[] args = new long[9 + extra.length];
        long[] base = {w.kernelH(), w.kernelW(), w.strideH(), w.strideW(), w.padH(), w.padW(), w.dilationH(),
            w.dilationW(), 0};
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return args;
    }

    /** conv2d of checked inputs (see {@code ops.Convolution.conv2d}). */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Window2d window) {
        long n = input.shape()[0];
        long outH = window.outputHeight(input.shape()[2]);
        long outW = window.outputWidth(input.shape()[3]);
        INDArray x = input.data();
        INDArray w = weight.data();
        INDArray b = bias == null ? null : bias.data();
        INDArray out = Nd4j.createUninitialized(x.dataType(), n, weight.shape()[0], outH, outW);
        long[] args = args(window, NCHW, OIHW);
        Native.exec("conv2d", b == null ? Native.in(x, w) : Native.in(x, w, b), Native.out(out), args);

        Tensor[] inputs = bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias};
        return Tensor.fromOp("conv2d", out, (BackwardInto) (g, needs, into) -> {
            if (!needs[0] && window.strideH() == 1 && window.strideW() == 1) {
                return parameterGradients(x, w.shape(), g, window, needs, inputs.length, into);
            }
            // conv2d_bp always computes dL/dinput, dL/dweight and dL/dbias together; the parameters'
            // go straight into their gradient buffers when the engine offers them (BackwardInto).
            INDArray gradIn = Nd4j.createUninitialized(x.dataType(), x.shape());
            INDArray gradW = into[1] != null ? into[1] : Nd4j.createUninitialized(w.dataType(), w.shape());
            if (b == null) {
                Native.exec("conv2d_bp", Native.in(x, w, g), Native.out(gradIn, gradW), args);
                return new INDArray[] {gradIn, gradW};
            }
            INDArray gradB = into[2] != null ? into[2] : Nd4j.createUninitialized(b.dataType(), b.shape());
            Native.exec("conv2d_bp", Native.in(x, w, b, g), Native.out(gradIn, gradW, gradB), args);
            return new INDArray[] {gradIn, gradW, gradB};
        }, inputs);
    }

    /**
     * dL/dweight and dL/dbias when no gradient is wanted for the input (a network's first layer) and the
     * window is undilated with stride 1. conv2d_bp would compute the input gradient anyway, and for a
     * large image that is most of its cost (docs/performance.md, "Where the time goes").
     *
     * <pre>
     *   dW[o, c, i, j] = Σ_{n,y,x} g[n, o, y, x] · x_pad[n, c, y + i, x + j]
     *   db[o]          = Σ_{n,y,x} g[n, o, y, x]
     * </pre>
     *
     * The weight gradient is itself a stride-1 convolution: of the input with its batch and channel
     * axes swapped (xᵀ: [C, N, H, W]) by the output gradient as the kernel (gᵀ: [O, N, oH, oW]), with
     * the same padding. Its output [C, O, kH, kW] is transposed back to [O, C, kH, kW]. (With a stride s
     * it would be dilated by s, which libnd4j's oneDNN kernel refuses in float32.)
     */
    private static INDArray[] parameterGradients(INDArray x, long[] weightShape, INDArray g, Window2d window,
                                                 boolean[] needs, int inputCount, INDArray[] into) {
        INDArray[] grads = new INDArray[inputCount];
        INDArray gT = swapLeadingAxes(g);                                              // [O, N, oH, oW]
        if (needs[1]) {
            long c = x.size(1);
            INDArray xT = c == 1 ? x.reshape('c', 1, x.size(0), x.size(2), x.size(3))
                    : swapLeadingAxes(x);                                               // [C, N, H, W]
            Window2d asGradient = new Window2d((int) gT.size(2), (int) gT.size(3), 1, 1, window.padH(), window.padW(),
                    1, 1);
            INDArray full = Nd4j.createUninitialized(x.dataType(), c, weightShape[0], weightShape[2], weightShape[3]);
            Native.exec("conv2d", Native.in(xT, gT), Native.out(full), args(asGradient, NCHW, OIHW));
            grads[1] = swapLeadingAxes(full, into[1]);                                 // [O, C, kH, kW]
        }
        if (inputCount == 3 && needs[2]) {
            grads[2] = Sums.rowSums(gT.reshape(gT.size(0), -1), into[2]);               // Σ over n, y, x
        }
        return grads;
    }

    /**
     * {@code [A, B, H, W] → [B, A, H, W]}, a new dense array: {@code a.permute(1, 0, 2, 3).dup('c')}. For a
     * dense input each (a, b) plane is one contiguous block, so this is A·B block copies; libnd4j's
     * permuting copy goes element by element (docs/performance.md, "Notes behind the code").
     */
    static INDArray swapLeadingAxes(INDArray a) {
        return swapLeadingAxes(a, null);
    }

    /** {@link #swapLeadingAxes(INDArray)} into {@code into} (dense, row-major, [B, A, H, W]) if given. */
    static INDArray swapLeadingAxes(INDArray a, INDArray into) {
        long[] shape = a.shape();
        if (!SmallArrays.dense(a) || a.length() * a.dataType().width() > Integer.MAX_VALUE) {
            return into == null ? a.permute(1, 0, 2, 3).dup('c') : into.assign(a.permute(1, 0, 2, 3));
        }
        INDArray out = into != null ? into
                : Nd4j.createUninitialized(a.dataType(), shape[1], shape[0], shape[2], shape[3]);
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        int block = (int) (shape[2] * shape[3]) * a.dataType().width();             // one plane, in bytes
        ByteBuffer from = a.data().asNio();
        ByteBuffer to = out.data().asNio();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                to.put((j * rows + i) * block, from, (i * cols + j) * block, block);
            }
        }
        return out;
    }
}
