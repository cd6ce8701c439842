package org.inertia.core.ops;

import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max and average pooling over NCHW batches, forward and backward in libnd4j's native
 * {@code maxpool2d(_bp)} / {@code avgpool2d(_bp)}.
 */
public final class Pooling {
    private static final long NCHW = 0;
    /** libnd4j avgpool2d divisor mode: 1 = divide by the full window, padding included. */
    private static final long INCLUDE_PADDING = 1;
    private static final long EXCLUDE_PADDING = 0;

    private Pooling() {
    }

    /**
     * The maximum of each window.  d/dx = 1 at each window's maximum (one position per window), so
     * the gradient goes to the input that won.
     */
    public static Tensor maxPool2d(Tensor input, Window2d window) {
        return pool("maxPool2d", "maxpool2d", input, window, window.nativeArgs(0, NCHW));
    }

    /**
     * The mean of each window. With {@code countIncludePad} (PyTorch's default) padded zeros count in
     * the divisor.  d/dx = g / divisor spread over the window.
     */
    public static Tensor avgPool2d(Tensor input, Window2d window, boolean countIncludePad) {
        if (window.dilationH() != 1 || window.dilationW() != 1) {
            throw new IllegalArgumentException("avgPool2d: dilation is not supported (as in PyTorch), got " + window);
        }
        long divisor = countIncludePad ? INCLUDE_PADDING : EXCLUDE_PADDING;
        return pool("avgPool2d", "avgpool2d", input, window, window.nativeArgs(divisor, NCHW));
    }

    private static Tensor pool(String op, String nativeOp, Tensor input, Window2d window, long[] args) {
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
        INDArray x = input.data();
        INDArray out = Nd4j.createUninitialized(x.dataType(), xs[0], xs[1], outH, outW);
        Native.exec(nativeOp, Native.in(x), Native.out(out), args);
        return Tensor.fromOp(op, out, (g, needs) -> {
            INDArray grad = Nd4j.createUninitialized(x.dataType(), xs);
            Native.exec(nativeOp + "_bp", Native.in(x, g), Native.out(grad), args);
            return new INDArray[] {grad};
        }, input);
    }
}
