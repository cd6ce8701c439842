package org.inertia.core.ops;

import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * 2-D convolution (cross-correlation, as every framework computes it) over NCHW batches, forward and
 * backward in libnd4j's native {@code conv2d} / {@code conv2d_bp} (im2col + GEMM).
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
        return Tensor.fromOp("conv2d", out, (g, needs) -> {
            // conv2d_bp always computes dL/dinput, dL/dweight and dL/dbias together.
            INDArray gradIn = Nd4j.createUninitialized(x.dataType(), x.shape());
            INDArray gradW = Nd4j.createUninitialized(w.dataType(), w.shape());
            if (b == null) {
                Native.exec("conv2d_bp", Native.in(x, w, g), Native.out(gradIn, gradW), args);
                return new INDArray[] {gradIn, gradW};
            }
            INDArray gradB = Nd4j.createUninitialized(b.dataType(), b.shape());
            Native.exec("conv2d_bp", Native.in(x, w, b, g), Native.out(gradIn, gradW, gradB), args);
            return new INDArray[] {gradIn, gradW, gradB};
        }, inputs);
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
