package org.inertia.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Tensor methods a PyTorch user reaches for: creation, indexing, comparisons and masks. */
class TensorApiTest {
    @Test
    void ofPicksTheTypeAsPyTorchDoes() {
        assertEquals(DType.INT64, Tensor.of(1, 2, 3).dtype(), "integers: int64, as torch.tensor([1, 2, 3])");
        assertEquals(DType.FLOAT32, Tensor.of(0.5, 1.5).dtype(), "doubles: the default type, float32");
        assertEquals(DType.FLOAT32, Tensor.of(0.5f, 1.5f).dtype());
        assertArrayEquals(new long[] {1, 2, 3}, Tensor.of(1, 2, 3).toLongArray());
        assertArrayEquals(new long[] {3}, Tensor.of(1L, 2L, 3L).shape());
        assertArrayEquals(new double[] {0.5, 1.5}, Tensor.of(0.5, 1.5).toDoubleArray(), 0);
    }

    @Test
    void randnAndRandDrawFromTheSeededDefaultGenerator() {
        Rng.manualSeed(7);
        double[] a = Tensor.randn(2, 3).toDoubleArray();
        double[] u = Tensor.rand(DType.FLOAT64, 1000).toDoubleArray();
        Rng.manualSeed(7);
        assertArrayEquals(a, Tensor.randn(2, 3).toDoubleArray(), 0, "the same seed, the same numbers");
        assertArrayEquals(u, Tensor.rand(DType.FLOAT64, 1000).toDoubleArray(), 0);
        for (double v : u) {
            assertTrue(v >= 0 && v < 1, "uniform in [0, 1): " + v);
        }
    }

    @Test
    void getReadsOneValueWithNegativeIndicesFromTheEnd() {
        Tensor x = Tensor.arange(DType.FLOAT64, 0, 6, 1).reshape(2, 3);
        assertEquals(5, x.get(1, 2), 0);
        assertEquals(5, x.get(-1, -1), 0);
        assertEquals(3, Tensor.scalar(3).get(), 0);
        assertEquals("get: 1 indices for a tensor of shape [2, 3] (one per axis)",
            assertThrows(IllegalArgumentException.class, () -> x.get(1)).getMessage());
        assertEquals("get: index 3 is out of range for axis 1 of size 3 (shape [2, 3])",
            assertThrows(IndexOutOfBoundsException.class, () -> x.get(0, 3)).getMessage());
    }

    @Test
    void accuracyWithArgmaxAndAMaskThatSumCounts() {
        Tensor logits = Tensor.of(DType.FLOAT32, new double[][] {{0.1, 2, 0.3}, {5, 1, 0}, {0, 0, 3}, {1, 1, 0}});
        Tensor labels = Tensor.of(1, 0, 1, 0);
        Tensor right = logits.argmax(1).eq(labels);
        assertEquals(DType.INT64, right.dtype());
        assertArrayEquals(new long[] {1, 1, 0, 1}, right.toLongArray(), "ties go to the first maximum");
        assertEquals(3, right.sum().item(), 0);
        assertEquals(0.75, right.to(DType.FLOAT32).mean().item(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, right::mean);
        assertTrue(e.getMessage().contains("convert with .to(DType.FLOAT32)"), e.getMessage());
        assertArrayEquals(new long[] {4, 1}, logits.argmax(1, true).shape());
        assertArrayEquals(new long[] {0, 2, 0, 2}, logits.argmin(1).toLongArray());
    }

    @Test
    void comparisonsWithScalarsAndOtherTensorsBroadcast() {
        Tensor x = Tensor.of(DType.FLOAT64, new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new long[] {0, 0, 1, 1, 1, 1}, x.gt(2.5).toLongArray());
        assertArrayEquals(new long[] {1, 1, 0, 0, 0, 0}, x.le(2).toLongArray());
        assertArrayEquals(new long[] {0, 1, 0, 0, 1, 0}, x.eq(Tensor.of(DType.FLOAT64, new double[] {9, 2, 9})
            .expand(2, 3).add(Tensor.of(DType.FLOAT64, new double[] {0, 3}, 2, 1).mul(Tensor.of(DType.FLOAT64,
            new double[] {0, 1, 0})))).toLongArray());
        assertEquals(4, x.ne(Tensor.of(DType.FLOAT64, new double[] {1, 5, 0})).sum().item(), 0);
        assertEquals(3, x.ge(x.mean()).sum().item(), 0);
        assertEquals(3, x.lt(4).sum().item(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.eq(Tensor.of(1, 2, 3)));
        assertTrue(e.getMessage().startsWith("eq: dtypes differ, float64 [2, 3] and int64 [3]"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> x.gt(Tensor.zeros(DType.FLOAT64, 4)))
            .getMessage().contains("cannot be broadcast"));
    }

    @Test
    void whereSendsEachBranchItsShareOfTheGradient() {
        Tensor a = Tensor.of(DType.FLOAT64, new double[] {1, 2, 3}).requiresGrad(true);
        Tensor b = Tensor.of(DType.FLOAT64, new double[] {10}).requiresGrad(true);
        Tensor y = Tensor.where(a.gt(1.5), a, b);
        assertArrayEquals(new double[] {10, 2, 3}, y.toDoubleArray(), 0);
        y.sum().backward();
        assertArrayEquals(new double[] {0, 1, 1}, a.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {1}, b.grad().toDoubleArray(), 0);
    }

    @Test
    void indexingAndShapeHelpers() {
        Tensor x = Tensor.arange(DType.FLOAT64, 0, 24, 1).reshape(2, 3, 4);
        assertArrayEquals(new double[] {1, 5, 9, 13, 17, 21}, x.select(2, 1).toDoubleArray(), 0, "x[:, :, 1]");
        assertArrayEquals(new long[] {2, 3}, x.select(2, 1).shape());
        assertArrayEquals(new long[] {2, 2, 4}, x.narrow(1, 1, 2).shape());
        assertArrayEquals(new long[] {2, 1, 3, 4}, x.unsqueeze(1).shape());
        assertArrayEquals(new long[] {2, 3, 4}, x.unsqueeze(1).squeeze(1).shape());
        assertArrayEquals(new long[] {2, 3, 4}, x.squeeze(0).shape(), "size 2: unchanged, as PyTorch");
        assertArrayEquals(new long[] {5, 2, 3, 4}, x.unsqueeze(0).expand(5, -1, -1, -1).shape());
        assertArrayEquals(new long[] {2, 2, 3, 4}, Tensor.stack(0, x, x).shape());
        Tensor copy = x.clone();
        assertNotSame(x.data(), copy.data());
        copy.data().addi(1);
        assertEquals(0, x.get(0, 0, 0), 0, "a clone has memory of its own");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> x.select(1, 3)).getMessage()
            .contains("index 3 is out of range for axis 1 of size 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> x.narrow(2, 3, 2)).getMessage()
            .contains("[3, 5) along axis 2 is outside [0, 4]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> x.expand(2, 5, 4)).getMessage()
            .contains("cannot expand [2, 3, 4] to [2, 5, 4]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tensor.stack(0, x, x.select(0, 0)))
            .getMessage().contains("stacked tensors need one shape"));
    }
}
