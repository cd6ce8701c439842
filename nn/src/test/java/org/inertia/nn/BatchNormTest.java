package org.inertia.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.inertia.core.DType;
import org.inertia.core.Tensor;
import org.inertia.nn.layers.BatchNorm;
import org.inertia.nn.layers.BatchNorm2d;
import org.junit.jupiter.api.Test;

/**
 * Batch norm's train and eval behaviour against PyTorch 1.13: {@code torch.nn.BatchNorm2d(2)} in
 * float64, two training passes on x1 = arange(24)/7 and x2 = arange(24)^1.5/11 (shape [2, 2, 2, 3]),
 * then evaluation of x1.
 */
class BatchNormTest {
    private static Tensor x1() {
        return Tensor.arange(DType.FLOAT64, 0, 24, 1).reshape(2, 2, 2, 3).div(7);
    }

    private static Tensor x2() {
        return Tensor.arange(DType.FLOAT64, 0, 24, 1).reshape(2, 2, 2, 3).pow(1.5).div(11);
    }

    @Test
    void trainingUsesBatchStatisticsAndUpdatesRunningOnesLikePyTorch() {
        BatchNorm2d bn = new BatchNorm2d(BatchNorm.options(2).dtype(DType.FLOAT64));
        Tensor y1 = bn.forward(x1());
        bn.forward(x2());
        assertArrayEquals(new double[] {-1.3625372192899854, -1.2022387229029283, -1.0419402265158713,
            -0.8816417301288141}, java.util.Arrays.copyOf(y1.toDoubleArray(), 4), 1e-12);
        assertArrayEquals(new double[] {0.3829349981047169, 0.7237823264812276}, bn.runningMean().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {1.5194468038946485, 2.0128189663277993}, bn.runningVar().toDoubleArray(), 1e-12);
        assertEquals(2, bn.batchesTracked());
        // each channel of a training output has mean 0 and (biased) variance 1
        Tensor perChannel = y1.permute(1, 0, 2, 3).reshape(2, -1);
        assertArrayEquals(new double[] {0, 0}, perChannel.mean(1).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {1, 1}, perChannel.pow(2.0).mean(1).toDoubleArray(), 1e-4);
    }

    @Test
    void evaluationUsesTheRunningStatistics() {
        BatchNorm2d bn = new BatchNorm2d(BatchNorm.options(2).dtype(DType.FLOAT64));
        bn.forward(x1());
        bn.forward(x2());
        bn.eval();
        Tensor y = bn.forward(x1());
        assertArrayEquals(new double[] {-0.3106568119956159, -0.1947636583521709, -0.0788705047087259,
            0.0370226489347191, 0.1529158025781641, 0.26880895622160916}, java.util.Arrays.copyOf(y.toDoubleArray(), 6),
            1e-12);
        assertEquals(2, bn.batchesTracked(), "evaluation does not touch the running statistics");
        Tensor again = bn.forward(x1());
        assertArrayEquals(y.toDoubleArray(), again.toDoubleArray(), "evaluation is deterministic");
    }
}
