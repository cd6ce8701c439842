package org.inertia.core.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sums along the rows or columns of a matrix, written as a matrix–vector product with a vector of
 * ones. libnd4j's reductions visit one element at a time; the BLAS GEMV behind these is vectorised
 * and threaded (docs/performance.md, "Notes behind the code").
 */
public final class Sums {
    private Sums() {
    }

    /**
     * Σ over the rows of {@code m} [R, C]: the column sums, shape [C] — written into {@code into} and
     * returned when it is given (a dense [C] array, e.g. a bias's gradient buffer), else into a new one.
     */
    public static INDArray columnSums(INDArray m, INDArray into) {
        INDArray out = into == null ? Nd4j.createUninitialized(m.dataType(), m.size(1)) : into;
        Gemm.gemm(ConstantArrays.onesColumn(m.dataType(), m.size(0)), m, true, false,
                out.reshape(1, m.size(1)));                                                    // 1ᵀ · m
        return out;
    }

    /** Σ over the columns of {@code m} [R, C]: the row sums, shape [R], into {@code into} if given. */
    public static INDArray rowSums(INDArray m, INDArray into) {
        INDArray out = into == null ? Nd4j.createUninitialized(m.dataType(), m.size(0)) : into;
        Gemm.gemm(m, ConstantArrays.onesColumn(m.dataType(), m.size(1)), false, false,
                out.reshape(m.size(0), 1));                                                    // m · 1
        return out;
    }
}
