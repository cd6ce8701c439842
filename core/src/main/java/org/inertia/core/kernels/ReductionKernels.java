package org.inertia.core.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast backward of sum, mean and one-axis max/min: libnd4j's {@code reduce_*_bp} ops, one call each
 * (the readable forms in {@code ops.Reductions} broadcast and mask in several).
 */
public final class ReductionKernels {
    private ReductionKernels() {
    }

    /**
     * dL/dx of reduction {@code op} ("sum", "mean", "max", "min") of {@code in} over {@code axes}, given
     * dL/d(out) {@code g} (with or without the reduced axes kept).
     */
    public static INDArray backward(String op, INDArray in, INDArray g, int[] axes) {
        long[] dims = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            dims[i] = axes[i];
        }
        INDArray gradIn = Nd4j.createUninitialized(in.dataType(), in.shape());
        // libnd4j: inputs (x, dL/dout), output dL/dx; int args = reduced axes.
        Native.exec("reduce_" + op + "_bp", Native.in(in, g), Native.out(gradIn), dims);
        return gradIn;
    }
}
