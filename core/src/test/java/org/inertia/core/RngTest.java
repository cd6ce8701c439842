package org.inertia.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void sameSeedSameStream() {
        Rng a = new Rng(99);
        Rng b = new Rng(99);
        assertArrayEquals(a.normal(DType.FLOAT32, 0, 1, 50).toFloatVector(), b.normal(DType.FLOAT32, 0, 1, 50).toFloatVector());
        assertEquals(a.nextLong(), b.nextLong());
        assertArrayEquals(a.permutation(20), b.permutation(20));
        assertFalse(Arrays.equals(new Rng(1).uniform(DType.FLOAT64, 0, 1, 8).toDoubleVector(),
            new Rng(2).uniform(DType.FLOAT64, 0, 1, 8).toDoubleVector()));
    }

    @Test
    void seedZeroIsReproducibleToo() {
        // libnd4j seeds from the clock when given 0; Rng must not pass that through.
        assertArrayEquals(new Rng(0).uniform(DType.FLOAT64, 0, 1, 64).toDoubleVector(),
            new Rng(0).uniform(DType.FLOAT64, 0, 1, 64).toDoubleVector());
        for (long seed = -3; seed <= 3; seed++) {
            org.junit.jupiter.api.Assertions.assertNotEquals(0L, Rng.nativeSeed(seed));
        }
    }

    @Test
    void restoredStateContinuesTheStreamExactly() {
        Rng rng = new Rng(5);
        rng.uniform(DType.FLOAT32, 0, 1, 10);
        Rng.State saved = rng.state();
        double[] next = rng.normal(DType.FLOAT64, 0, 1, 16).toDoubleVector();
        int[] perm = rng.permutation(10);
        Rng resumed = new Rng(123);
        resumed.restore(saved);
        assertArrayEquals(next, resumed.normal(DType.FLOAT64, 0, 1, 16).toDoubleVector());
        assertArrayEquals(perm, resumed.permutation(10));
    }

    @Test
    void permutationIsAPermutation() {
        int[] p = new Rng(3).permutation(1000);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    @Test
    void badArgumentsAreRefused() {
        Rng rng = new Rng(1);
        assertThrows(IllegalArgumentException.class, () -> rng.uniform(DType.FLOAT32, 2, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> rng.normal(DType.FLOAT32, 0, -1, 3));
        assertThrows(IllegalArgumentException.class, () -> rng.bernoulli(DType.FLOAT32, 1.5, 3));
        assertThrows(IllegalArgumentException.class, () -> rng.uniform(DType.INT64, 0, 1, 3));
    }
}
