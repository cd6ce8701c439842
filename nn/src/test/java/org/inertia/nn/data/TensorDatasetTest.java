package org.inertia.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.inertia.core.DType;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.loss.MSELoss;
import org.inertia.optim.SGD;
import org.junit.jupiter.api.Test;

class TensorDatasetTest {
    @Test
    void batchesGatherRowsOfBothTensors() {
        Tensor x = Tensor.arange(DType.FLOAT64, 0, 12, 1).reshape(6, 2);
        Tensor y = Tensor.of(0, 1, 2, 0, 1, 2);
        TensorDataset data = new TensorDataset(x, y, 3);
        assertEquals(6, data.size());
        assertEquals(3, data.classes());
        Batch b = data.batch(new int[] {4, 1}, new Rng(0));
        assertArrayEquals(new double[] {8, 9, 2, 3}, b.inputs().toDoubleArray(), 0);
        assertArrayEquals(new long[] {1, 1}, b.labels().toLongArray());
        List<Long> seen = new ArrayList<>();
        for (Batch batch : new DataLoader(data, 4, true, 3)) {
            for (double v : batch.inputs().select(1, 0).toDoubleArray()) {
                seen.add((long) v / 2);
            }
        }
        seen.sort(null);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), seen, "every example once an epoch");
    }

    /** Regression: float targets, trained with a plain loop to a known line. */
    @Test
    void regressionTargetsTrainALinearModel() {
        Rng rng = new Rng(1);
        Tensor x = Tensor.uniform(rng, -1, 1, 64, 1);
        Tensor y = x.mul(3).add(0.5);
        TensorDataset data = new TensorDataset(x, y);
        Linear model = new Linear(Linear.options(1, 1).rng(new Rng(2)));
        SGD opt = new SGD(model.parameters(), SGD.options().lr(0.1));
        MSELoss loss = new MSELoss();
        DataLoader loader = new DataLoader(data, 16, true, 0);
        for (int epoch = 0; epoch < 60; epoch++) {
            for (Batch b : loader) {
                opt.zeroGrad();
                loss.forward(model.call(b.inputs()), b.targets()).backward();
                opt.step();
            }
        }
        assertEquals(3, model.weight().item(), 1e-3);
        assertEquals(0.5, model.bias().item(), 1e-3);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, data::classes);
        assertTrue(e.getMessage().contains("new TensorDataset(inputs, labels, classes)"), e.getMessage());
    }

    @Test
    void badInputsAreRefusedNamingWhatIsWrong() {
        Tensor x = Tensor.zeros(4, 2);
        assertEquals("TensorDataset: 4 inputs [4, 2] but 3 targets [3]; the first axes must match",
            assertThrows(IllegalArgumentException.class, () -> new TensorDataset(x, Tensor.of(0, 1, 2))).getMessage());
        assertEquals("TensorDataset: labels must be in [0, 2), got values from 0 to 5",
            assertThrows(IllegalArgumentException.class, () -> new TensorDataset(x, Tensor.of(0, 1, 5, 1), 2))
                .getMessage());
        assertEquals("TensorDataset: class labels must be a 1-D int64 tensor, got float32 [4]",
            assertThrows(IllegalArgumentException.class, () -> new TensorDataset(x, Tensor.zeros(4), 2)).getMessage());
        assertEquals("TensorDataset: inputs must be float32 or float64, got int64",
            assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Tensor.of(1, 2), Tensor.of(1, 2)))
                .getMessage());
    }
}
