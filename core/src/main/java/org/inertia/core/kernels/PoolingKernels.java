package org.inertia.core.kernels;

import org.inertia.core.Tensor;
import org.inertia.core.ops.Window2d;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fast forms of {@code ops.Pooling}: libnd4j's {@code maxpool2d(_bp)} / {@code avgpool2d(_bp)}, one call each way. */
public final class PoolingKernels {
    private static final long NCHW = 0;

    private PoolingKernels() {
    }

    /** Max pooling of a checked NCHW input (undilated: the caller sends dilated windows to the readable form). */
    public static Tensor maxPool2d(Tensor input, Window2d window) {
        return pool("maxPool2d", "maxpool2d", input, window, ConvolutionKernels.args(window, 0, NCHW));
    }

    /** Average pooling of a checked NCHW input; {@code countIncludePad}: padded zeros count in the divisor. */
    public static Tensor avgPool2d(Tensor input, Window2d window, boolean countIncludePad) {
        long divisor = countIncludePad ? 1 : 0;          // libnd4j: 1 = divide by the full window, 0 = real inputs only
        return pool("avgPool2d", "avgpool2d", input, window, ConvolutionKernels.args(window, divisor, NCHW));
    }

    private static Tensor pool(String op, String nativeOp, Tensor input, Window2d window, long[] args) {
        long[] xs = input.shape();
        INDArray x = input.data();
        INDArray out = Nd4j.createUninitialized(x.dataType(), xs[0], xs[1], window.outputHeight(xs[2]),
                window.outputWidth(xs[3]));
        Native.exec(nativeOp, Native.in(x), Native.out(out), args);
        return Tensor.fromOp(op, out, (g, needs) -> {
            INDArray grad = Nd4j.createUninitialized(x.dataType(), xs);
            Native.exec(nativeOp + "_bp", Native.in(x, g), Native.out(grad), args);
            return new INDArray[] {grad};
        }, input);
    }
}
