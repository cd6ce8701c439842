package org.inertia.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.inertia.core.DType;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Losses;
import org.inertia.core.ops.MatMul;
import org.inertia.core.ops.Reduction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Java loops of {@link SmallArrays} against the ND4J path they stand in for (limit 0): the same
 * values and gradients, the same errors.
 */
class SmallArraysTest {
    private static final long DEFAULT_LIMIT = SmallArrays.limit();

    @AfterEach
    void restoreLimit() {
        SmallArrays.setLimit(DEFAULT_LIMIT);
    }

    /** Runs {@code computation} through the Java loops and through ND4J; returns both results. */
    private static List<double[]> bothPaths(Supplier<List<double[]>> computation, List<double[]> nd4j) {
        SmallArrays.setLimit(DEFAULT_LIMIT);
        List<double[]> loops = computation.get();
        SmallArrays.setLimit(0);
        nd4j.addAll(computation.get());
        return loops;
    }

    /** Equal within {@code tolerance}, relative for magnitudes above 1. */
    private static void assertClose(List<double[]> expected, List<double[]> actual, double tolerance) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            double[] e = expected.get(i);
            double[] a = actual.get(i);
            assertEquals(e.length, a.length, "result " + i + " length");
            for (int j = 0; j < e.length; j++) {
                assertEquals(e[j], a[j], tolerance * Math.max(1, Math.abs(e[j])), "result " + i + " at " + j);
            }
        }
    }

    private static Tensor input(Rng rng, long... shape) {
        return Tensor.uniform(DType.FLOAT32, rng, -2, 2, shape).requiresGrad(true);
    }

    @Test
    void linearBiasAddAgrees() {
        Supplier<List<double[]>> linear = () -> {
            Rng rng = new Rng(3);
            Tensor x = input(rng, 9, 13);
            Tensor w = input(rng, 5, 13);
            Tensor b = input(rng, 5);
            Tensor y = MatMul.linear(x, w, b);
            y.backward(Tensor.uniform(DType.FLOAT32, rng, -1, 1, 9, 5));
            return List.of(y.toDoubleArray(), x.grad().toDoubleArray(), w.grad().toDoubleArray(), b.grad().toDoubleArray());
        };
        List<double[]> nd4j = new ArrayList<>();
        assertClose(nd4j, bothPaths(linear, nd4j), 1e-5);
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void crossEntropyAgreesWithAndWithoutSmoothing(Reduction reduction) {
        for (double smoothing : new double[] {0, 0.1, 1}) {
            Supplier<List<double[]>> ce = () -> {
                Rng rng = new Rng(11);
                Tensor logits = Tensor.uniform(DType.FLOAT32, rng, -30, 30, 17, 10).requiresGrad(true);
                Tensor labels = Tensor.ofLongs(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 8, 7, 6, 5, 4, 3);
                Tensor loss = Losses.crossEntropy(logits, labels, reduction, smoothing);
                if (reduction == Reduction.NONE) {
                    loss.backward(Tensor.uniform(DType.FLOAT32, rng, 0, 2, 17));
                } else {
                    loss.backward(Tensor.scalar(DType.FLOAT32, 1.5));
                }
                return List.of(loss.toDoubleArray(), logits.grad().toDoubleArray(),
                        new double[] {loss.rank(), loss.dtype().ordinal()});
            };
            List<double[]> nd4j = new ArrayList<>();
            assertClose(nd4j, bothPaths(ce, nd4j), 2e-5);
        }
    }

    @Test
    void crossEntropyRejectsBadLabelsWithTheSameMessages() {
        Tensor logits = Tensor.zeros(DType.FLOAT32, 2, 4);
        for (Tensor labels : new Tensor[] {Tensor.ofLongs(0, 7), Tensor.ofLongs(-1, 0), Tensor.ofLongs(0, 1, 2)}) {
            SmallArrays.setLimit(DEFAULT_LIMIT);
            String loops = assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(logits, labels)).getMessage();
            SmallArrays.setLimit(0);
            String nd4j = assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(logits, labels)).getMessage();
            assertEquals(nd4j, loops);
        }
    }

    @Test
    void onlyDenseFloat32ArraysWithinTheLimitFit() {
        assertTrue(SmallArrays.fit(Nd4j.zeros(DataType.FLOAT, 4, 5)));
        assertFalse(SmallArrays.fit(Nd4j.zeros(DataType.DOUBLE, 4, 5)), "float64 keeps the ND4J path");
        assertFalse(SmallArrays.fit(Nd4j.zeros(DataType.FLOAT, 4, 5).transpose()), "a transposed view");
        assertFalse(SmallArrays.fit(Nd4j.zeros(DataType.FLOAT, 4, 5).getColumn(1)), "a strided view");
        assertFalse(SmallArrays.fit(Nd4j.zeros(DataType.FLOAT, 4, 5).getRow(2)), "a contiguous view at an offset");
        assertTrue(SmallArrays.fit(Nd4j.zeros(DataType.FLOAT, 1, 1, 2, 2)), "unit dimensions");
        SmallArrays.setLimit(19);
        assertFalse(SmallArrays.fit(Nd4j.zeros(DataType.FLOAT, 4, 5)), "above the limit");
        assertThrows(IllegalArgumentException.class, () -> SmallArrays.setLimit(-1));
    }
}
