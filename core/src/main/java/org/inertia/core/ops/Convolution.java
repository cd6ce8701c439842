package org.inertia.core.ops;

import java.nio.ByteBuffer;
import org.inertia.core.BackwardInto;
import org.inertia.core.FastPaths;
import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * 2-D convolution (cross-correlation, as every framework computes it) over NCHW batches.
 * {@link #conv2dReference} is the readable form (taps gathered into columns, one GEMM); the fast form
 * is libnd4j's native {@code conv2d} / {@code conv2d_bp}, which computes the same thing in one call
 * each way. Dilated windows take the readable form: libnd4j's oneDNN kernel refuses every dilated
 * float32 convolution.
 *
 * <p>Weights use PyTorch's layout {@code [out channels, in channels, kH, kW]}, so weights move
 * between the two frameworks unchanged.
 */
public final class Convolution {
    /** libnd4j: data format 0 = NCHW; weight format 1 = [oC, iC, kH, kW]. */
    private static final long NCHW = 0;
    private static final long OIHW = 1;

    private Convolution() {
    }

    /**
     * out[n, o] = bias[o] + Σ_c Σ_(i,j) weight[o, c, i, j] · in[n, c, s·y + d·i − p, s·x + d·j − p].
     *
     * @param input  {@code [N, C, H, W]}
     * @param weight {@code [O, C, kH, kW]}
     * @param bias   {@code [O]} or {@code null}
     * @param window stride, padding and dilation (its kernel size must match the weight's)
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Window2d window) {
        check(input, weight, bias, window);
        if (!FastPaths.enabled() || window.dilationH() > 1 || window.dilationW() > 1) {
            return conv2dReference(input, weight, bias, window);
        }
        long n = input.shape()[0];
        long outH = window.outputHeight(input.shape()[2]);
        long outW = window.outputWidth(input.shape()[3]);
        INDArray x = input.data();
        INDArray w = weight.data();
        INDArray b = bias == null ? null : bias.data();
        INDArray out = Nd4j.createUninitialized(x.dataType(), n, weight.shape()[0], outH, outW);
        long[] args = window.nativeArgs(NCHW, OIHW);
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
     * The readable convolution: gather what each kernel tap sees into columns (im2col), multiply by
     * the weights as one matrix, and run the same steps backwards for the gradients.
     *
     * <pre>
     *   cols[(c, i, j), (n, y, x)] = tap(i, j)[n, c, y, x]                 [C·kH·kW, N·oH·oW]
     *   out  = W · cols + b                 W as [O, C·kH·kW]                [O, N·oH·oW] → [N, O, oH, oW]
     *   dW   = g · colsᵀ,   db = Σ g,   dcols = Wᵀ · g,  added back tap by tap into the padded input
     * </pre>
     */
    static Tensor conv2dReference(Tensor input, Tensor weight, Tensor bias, Window2d window) {
        INDArray x = input.data();
        INDArray w = weight.data();
        long n = x.size(0);
        long c = x.size(1);
        long o = w.size(0);
        long outH = window.outputHeight(x.size(2));
        long outW = window.outputWidth(x.size(3));
        long taps = c * window.kernelH() * window.kernelW();
        INDArray padded = WindowViews.pad(x, window, 0);
        INDArray cols = Nd4j.create(x.dataType(), c, window.kernelH(), window.kernelW(), n, outH, outW);
        for (int i = 0; i < window.kernelH(); i++) {
            for (int j = 0; j < window.kernelW(); j++) {
                tapOf(cols, i, j).assign(WindowViews.tap(padded, window, i, j, outH, outW).permute(1, 0, 2, 3));
            }
        }
        INDArray colsMatrix = cols.reshape('c', taps, n * outH * outW);
        INDArray weightMatrix = w.dup('c').reshape('c', o, taps);
        INDArray outMatrix = weightMatrix.mmul(colsMatrix);                                   // [O, N·oH·oW]
        if (bias != null) {
            outMatrix.addiColumnVector(bias.data().reshape(o, 1));
        }
        INDArray out = outMatrix.reshape('c', o, n, outH, outW).permute(1, 0, 2, 3).dup('c');

        Tensor[] inputs = bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias};
        return Tensor.fromOp("conv2d", out, (g, needs) -> {
            INDArray gradMatrix = g.permute(1, 0, 2, 3).dup('c').reshape('c', o, n * outH * outW);
            INDArray[] grads = new INDArray[inputs.length];
            if (needs[0]) {
                INDArray gradCols = weightMatrix.transpose().mmul(gradMatrix)                 // dcols = Wᵀ · g
                        .reshape('c', c, window.kernelH(), window.kernelW(), n, outH, outW);
                INDArray gradPadded = Nd4j.zeros(x.dataType(), padded.shape());
                for (int i = 0; i < window.kernelH(); i++) {
                    for (int j = 0; j < window.kernelW(); j++) {
                        WindowViews.tap(gradPadded, window, i, j, outH, outW)
                                .addi(tapOf(gradCols, i, j).permute(1, 0, 2, 3));
                    }
                }
                grads[0] = WindowViews.interior(gradPadded, window).dup('c');
            }
            if (needs[1]) {
                grads[1] = gradMatrix.mmul(colsMatrix.transpose()).reshape('c', w.shape());  // dW = g · colsᵀ
            }
            if (bias != null && needs[2]) {
                grads[2] = gradMatrix.sum(1);                                                 // db = Σ g
            }
            return grads;
        }, inputs);
    }

    /** cols[:, i, j] of a [C, kH, kW, N, oH, oW] array: the columns of kernel tap (i, j), [C, N, oH, oW]. */
    private static INDArray tapOf(INDArray cols, int i, int j) {
        return cols.get(NDArrayIndex.all(), NDArrayIndex.point(i), NDArrayIndex.point(j), NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.all());
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
            Native.exec("conv2d", Native.in(xT, gT), Native.out(full), asGradient.nativeArgs(NCHW, OIHW));
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
     * permuting copy goes element by element (~0.4 ms for LeNet-5's [64, 6, 28, 28] output gradient,
     * against ~0.05 ms).
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

    private static void check(Tensor input, Tensor weight, Tensor bias, Window2d window) {
        Shapes.requireRank("conv2d", "input", input, 4, "[batch, channels, height, width]");
        Shapes.requireRank("conv2d", "weight", weight, 4, "[out channels, in channels, kernel height, kernel width]");
        Shapes.requireSameFloatType("conv2d", input, weight);
        long[] xs = input.shape();
        long[] ws = weight.shape();
        if (xs[1] != ws[1]) {
            throw new IllegalArgumentException("conv2d: input " + Shapes.str(xs) + " has " + xs[1]
                    + " channels but weight " + Shapes.str(ws) + " expects " + ws[1]);
        }
        if (ws[2] != window.kernelH() || ws[3] != window.kernelW()) {
            throw new IllegalArgumentException("conv2d: weight " + Shapes.str(ws) + " has a " + ws[2] + "x" + ws[3]
                    + " kernel but the window says " + window.kernelH() + "x" + window.kernelW());
        }
        if (bias != null) {
            Shapes.requireSameFloatType("conv2d", input, bias);
            if (bias.rank() != 1 || bias.shape()[0] != ws[0]) {
                throw new IllegalArgumentException("conv2d: bias " + Shapes.str(bias.shape()) + " must be ["
                        + ws[0] + "], one value per output channel of weight " + Shapes.str(ws));
            }
        }
        if (window.outputHeight(xs[2]) < 1 || window.outputWidth(xs[3]) < 1) {
            throw new IllegalArgumentException("conv2d: input " + Shapes.str(xs) + " is too small for " + window
                    + " (the output would be empty)");
        }
    }
}
