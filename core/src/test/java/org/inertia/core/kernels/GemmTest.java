package org.inertia.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Gemm#gemm}, libnd4j's matmul op called directly, against the textbook triple loop: every
 * transpose combination, float32 and float64, contiguous inputs and views.
 */
class GemmTest {
    @ParameterizedTest
    @CsvSource({
        "false, false, FLOAT", "false, true, FLOAT", "true, false, FLOAT", "true, true, FLOAT",
        "false, false, DOUBLE", "false, true, DOUBLE", "true, false, DOUBLE", "true, true, DOUBLE"})
    void matchesTheTripleLoop(boolean transposeA, boolean transposeB, DataType type) {
        Rng rng = new Rng(11);
        int m = 5;
        int k = 7;
        int n = 3;
        INDArray a = Tensor.normal(rng, 0, 1, transposeA ? k : m, transposeA ? m : k).data().castTo(type);
        INDArray b = Tensor.normal(rng, 0, 1, transposeB ? n : k, transposeB ? k : n).data().castTo(type);
        check(a, b, transposeA, transposeB, type);

        // Views: every other row of a taller array, and a column range of a wider one.
        INDArray tallA = Tensor.normal(rng, 0, 1, 2 * a.rows(), a.columns()).data().castTo(type);
        INDArray rowsA = tallA.get(NDArrayIndex.interval(0, 2, tallA.rows()), NDArrayIndex.all());
        INDArray wideB = Tensor.normal(rng, 0, 1, b.rows(), b.columns() + 4).data().castTo(type);
        INDArray colsB = wideB.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 2 + b.columns()));
        check(rowsA, colsB, transposeA, transposeB, type);
    }

    private static void check(INDArray a, INDArray b, boolean transposeA, boolean transposeB, DataType type) {
        double[][] x = rows(a, transposeA);
        double[][] y = rows(b, transposeB);
        INDArray out = Gemm.gemm(a, b, transposeA, transposeB);
        assertEquals(type, out.dataType());
        assertArrayEquals(new long[] {x.length, y[0].length}, out.shape());
        double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y[0].length; j++) {
                double expected = 0;
                for (int p = 0; p < y.length; p++) {
                    expected += x[i][p] * y[p][j];
                }
                assertEquals(expected, out.getDouble(i, j), tolerance, "element " + i + "," + j);
            }
        }
    }

    /** The matrix op(a) as nested Java arrays. */
    private static double[][] rows(INDArray a, boolean transpose) {
        int r = transpose ? a.columns() : a.rows();
        int c = transpose ? a.rows() : a.columns();
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[i][j] = transpose ? a.getDouble(j, i) : a.getDouble(i, j);
            }
        }
        return out;
    }
}
