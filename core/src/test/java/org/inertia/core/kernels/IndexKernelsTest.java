package org.inertia.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.inertia.core.DType;
import org.inertia.core.Tensor;
import org.junit.jupiter.api.Test;

/** The Java loop counting right predictions agrees with argmax, eq and sum. */
class IndexKernelsTest {
    @Test
    void argmaxMatchesCountsWhatArgmaxEqSumCounts() {
        Random r = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int rows = 1 + r.nextInt(40);
            int cols = 1 + r.nextInt(12);
            float[] v = new float[rows * cols];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextInt(4);                      // small integers: many ties, first maximum wins
            }
            long[] y = new long[rows];
            for (int i = 0; i < rows; i++) {
                y[i] = r.nextInt(cols);
            }
            Tensor logits = Tensor.wrap(Tensor.of(v, rows, cols).data().dup('c'));      // dense, as a model's output
            Tensor labels = Tensor.ofLongs(y, rows);
            assertTrue(IndexKernels.canCountMatches(logits.data(), labels.data()), rows + "x" + cols);
            long readable = (long) logits.argmax(1).eq(labels).sum().item();
            assertEquals(readable, IndexKernels.argmaxMatches(logits.data(), labels.data()), "trial " + trial);
        }
    }

    @Test
    void float64AndOtherShapesTakeTheReadableForm() {
        assertFalse(IndexKernels.canCountMatches(Tensor.zeros(DType.FLOAT64, 2, 3).data(), Tensor.ofLongs(0, 1).data()));
        assertFalse(IndexKernels.canCountMatches(Tensor.zeros(2, 3, 4).data(), Tensor.ofLongs(0, 1).data()));
        assertFalse(IndexKernels.canCountMatches(Tensor.zeros(2, 3).data(), Tensor.ofLongs(0, 1, 2).data()));
    }
}
