package org.inertia.core.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products as one native call: libnd4j's {@code matmul} op with transpose flags, through
 * {@link Native} with the output allocated here. {@code Nd4j.gemm} computes the same product but builds
 * an op object per call and asks libnd4j for the output shape first (docs/performance.md, "What each
 * change bought"); the transpose flags mean no transposed copy is ever made.
 */
public final class Gemm {
    private Gemm() {
    }

    /** op(a)·op(b) for 2-D arrays, op = transpose where asked, into a new row-major array. */
    public static INDArray gemm(INDArray a, INDArray b, boolean transposeA, boolean transposeB) {
        return gemm(a, b, transposeA, transposeB, null);
    }

    /** {@link #gemm(INDArray, INDArray, boolean, boolean)} into {@code out}, which it returns (a new array if null). */
    public static INDArray gemm(INDArray a, INDArray b, boolean transposeA, boolean transposeB, INDArray out) {
        if (out == null) {
            long rows = transposeA ? a.size(1) : a.size(0);
            long cols = transposeB ? b.size(0) : b.size(1);
            out = Nd4j.createUninitialized(a.dataType(), rows, cols);
        }
        // libnd4j matmul: int args transpose a, b, result; float args α, β.
        Native.exec("matmul", Native.in(a, b), Native.out(out), Native.ints(transposeA ? 1 : 0, transposeB ? 1 : 0, 0),
                1.0, 0.0);
        return out;
    }
}
