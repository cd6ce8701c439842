package org.inertia.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Window2d;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The reused op contexts: no call sees inputs or arguments left over from another. */
class NativeTest {
    @Test
    void aCallDoesNotInheritTheArgumentsOfTheCallBefore() {
        Rng rng = new Rng(3);
        INDArray x = Tensor.normal(rng, 0, 1, 3, 4).data();
        INDArray g = Tensor.normal(rng, 0, 1, 3).data();
        INDArray leaky = x.ulike();
        // A float argument (the slope), then a reduction backward that takes none: libnd4j would read a
        // stale float argument as keepDims and fail on the shapes.
        Native.exec("lrelu_bp", Native.in(x, x), Native.out(leaky), Native.ints(), 0.1);
        INDArray sumGrad = x.ulike();
        Native.exec("reduce_sum_bp", Native.in(x, g), Native.out(sumGrad), Native.ints(1));
        for (int row = 0; row < 3; row++) {
            double[] expected = {g.getDouble(row), g.getDouble(row), g.getDouble(row), g.getDouble(row)};
            assertArrayEquals(expected, sumGrad.getRow(row).toDoubleVector(), 1e-6);
        }
        // A conv with bias, then one without: the third input must not linger.
        INDArray in = Tensor.normal(rng, 0, 1, 1, 1, 4, 4).data();
        INDArray w = Nd4j.ones(in.dataType(), 1, 1, 2, 2);
        INDArray out = Nd4j.create(in.dataType(), 1, 1, 3, 3);
        long[] args = ConvolutionKernels.args(Window2d.square(2, 1, 0, 1), 0, 1);
        Native.exec("conv2d", Native.in(in, w, Nd4j.valueArrayOf(new long[] {1}, 100.0, in.dataType())), Native.out(out), args);
        Native.exec("conv2d", Native.in(in, w), Native.out(out), args);
        double topLeft = in.getDouble(0, 0, 0, 0) + in.getDouble(0, 0, 0, 1) + in.getDouble(0, 0, 1, 0) + in.getDouble(0, 0, 1, 1);
        assertArrayEquals(new double[] {topLeft}, new double[] {out.getDouble(0, 0, 0, 0)}, 1e-5);
    }
}
