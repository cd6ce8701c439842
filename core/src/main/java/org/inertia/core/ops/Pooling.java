package org.inertia.core.ops;

import org.inertia.core.FastPaths;
import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.inertia.core.kernels.PoolingKernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Max and average pooling over NCHW batches. The readable forms ({@link #maxPool2dReference},
 * {@link #avgPool2dReference}) combine the window's taps ({@link WindowViews}); the fast forms are
 * {@link PoolingKernels}. Dilated max pooling takes the readable form: libnd4j's float32 kernel returns
 * wrong maxima for it.
 */
public final class Pooling {
    private Pooling() {
    }

    /**
     * The maximum of each window.  d/dx = 1 at each window's maximum (one position per window), so
     * the gradient goes to the input that won.
     */
    public static Tensor maxPool2d(Tensor input, Window2d window) {
        if (!FastPaths.enabled() || window.dilationH() > 1 || window.dilationW() > 1) {
            return maxPool2dReference(input, window);
        }
        check("maxPool2d", input, window);
        return PoolingKernels.maxPool2d(input, window);
    }

    /**
     * The readable max pool: the running maximum of the taps over a −∞ border. Backward sends each
     * window's gradient to its first maximum in row-major order (as PyTorch): a tap takes the
     * gradient where it equals the maximum and no earlier tap has taken it.
     */
    static Tensor maxPool2dReference(Tensor input, Window2d window) {
        check("maxPool2d", input, window);
        INDArray x = input.data();
        long outH = window.outputHeight(x.size(2));
        long outW = window.outputWidth(x.size(3));
        INDArray padded = WindowViews.pad(x, window, Double.NEGATIVE_INFINITY);
        INDArray out = null;
        for (int i = 0; i < window.kernelH(); i++) {
            for (int j = 0; j < window.kernelW(); j++) {
                INDArray tap = WindowViews.tap(padded, window, i, j, outH, outW);
                out = out == null ? tap.dup('c') : Transforms.max(out, tap, false);
            }
        }
        INDArray max = out;
        return Tensor.fromOp("maxPool2d", max, (g, needs) -> {
            INDArray gradPadded = Nd4j.zeros(x.dataType(), padded.shape());
            INDArray taken = Nd4j.zeros(x.dataType(), max.shape());
            for (int i = 0; i < window.kernelH(); i++) {
                for (int j = 0; j < window.kernelW(); j++) {
                    INDArray wins = WindowViews.tap(padded, window, i, j, outH, outW).eq(max).castTo(x.dataType())
                            .muli(taken.rsub(1));                               // the maximum, not taken before
                    taken.addi(wins);
                    WindowViews.tap(gradPadded, window, i, j, outH, outW).addi(wins.muli(g));
                }
            }
            return new INDArray[] {WindowViews.interior(gradPadded, window).dup('c')};
        }, input);
    }

    /**
     * The readable average pool: the sum of the taps over a zero border divided by the window size,
     * or by the number of real (unpadded) inputs in the window.  Backward: each tap gets g / divisor.
     */
    static Tensor avgPool2dReference(Tensor input, Window2d window, boolean countIncludePad) {
        check("avgPool2d", input, window);
        INDArray x = input.data();
        long outH = window.outputHeight(x.size(2));
        long outW = window.outputWidth(x.size(3));
        INDArray padded = WindowViews.pad(x, window, 0);
        INDArray realInputs = WindowViews.pad(Nd4j.ones(x.dataType(), 1, 1, x.size(2), x.size(3)), window, 0);
        INDArray sum = Nd4j.zeros(x.dataType(), x.size(0), x.size(1), outH, outW);
        INDArray count = Nd4j.zeros(x.dataType(), 1, 1, outH, outW);
        for (int i = 0; i < window.kernelH(); i++) {
            for (int j = 0; j < window.kernelW(); j++) {
                sum.addi(WindowViews.tap(padded, window, i, j, outH, outW));
                count.addi(WindowViews.tap(realInputs, window, i, j, outH, outW));
            }
        }
        INDArray divisor = countIncludePad ? count.assign(window.kernelH() * window.kernelW()) : count;
        INDArray out = sum.divi(divisor);
        return Tensor.fromOp("avgPool2d", out, (g, needs) -> {
            INDArray share = g.div(divisor);
            INDArray gradPadded = Nd4j.zeros(x.dataType(), padded.shape());
            for (int i = 0; i < window.kernelH(); i++) {
                for (int j = 0; j < window.kernelW(); j++) {
                    WindowViews.tap(gradPadded, window, i, j, outH, outW).addi(share);
                }
            }
            return new INDArray[] {WindowViews.interior(gradPadded, window).dup('c')};
        }, input);
    }

    /**
     * The mean of each window. With {@code countIncludePad} (PyTorch's default) padded zeros count in
     * the divisor.  d/dx = g / divisor spread over the window.
     */
    public static Tensor avgPool2d(Tensor input, Window2d window, boolean countIncludePad) {
        if (window.dilationH() != 1 || window.dilationW() != 1) {
            throw new IllegalArgumentException("avgPool2d: dilation is not supported (as in PyTorch), got " + window);
        }
        if (!FastPaths.enabled()) {
            return avgPool2dReference(input, window, countIncludePad);
        }
        check("avgPool2d", input, window);
        return PoolingKernels.avgPool2d(input, window, countIncludePad);
    }

    private static void check(String op, Tensor input, Window2d window) {
        Shapes.requireFloat(op, input);
        Shapes.requireRank(op, "input", input, 4, "[batch, channels, height, width]");
        if (window.padH() * 2 > window.kernelH() || window.padW() * 2 > window.kernelW()) {
            throw new IllegalArgumentException(op + ": padding must be at most half the kernel size (as in PyTorch), got "
                    + window);
        }
        long[] xs = input.shape();
        long outH = window.outputHeight(xs[2]);
        long outW = window.outputWidth(xs[3]);
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException(op + ": input " + Shapes.str(xs) + " is too small for " + window);
        }
    }
}
