package org.inertia.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.inertia.core.Rng;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
    /** n 2x3 single-channel images whose pixels all equal the image's index. */
    static ImageDataset tiny(int n) {
        byte[] pixels = new byte[n * 6];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(pixels, i * 6, (i + 1) * 6, (byte) i);
            labels[i] = (byte) (i % 3);
        }
        return new ImageDataset("tiny", pixels, labels, 1, 2, 3, List.of("a", "b", "c"));
    }

    private static List<Integer> ids(Iterable<Batch> batches, List<Integer> sizes) {
        List<Integer> out = new ArrayList<>();
        for (Batch b : batches) {
            float[] x = b.inputs().toFloatArray();
            sizes.add((int) b.size());
            for (int i = 0; i < b.size(); i++) {
                out.add(Math.round(x[i * 6] * 255));
            }
        }
        return out;
    }

    @Test
    void everyExampleOnceAnEpochInBatchesWithMatchingLabels() {
        DataLoader loader = new DataLoader(tiny(10), 4, false, 0);
        List<Integer> sizes = new ArrayList<>();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ids(loader, sizes));
        assertEquals(List.of(4, 4, 2), sizes);
        assertEquals(3, loader.batchesPerEpoch());
        try (DataLoader.BatchIterator batches = loader.epoch(0)) {
            Batch b = batches.next();
            assertArrayEquals(new long[] {0, 1, 2, 0}, b.labels().toLongArray());
            assertArrayEquals(new long[] {4, 1, 2, 3}, b.inputs().shape());
        }
    }

    @Test
    void shufflingIsSeededPerEpochAndDropLastDropsTheRemainder() {
        DataLoader a = new DataLoader(tiny(10), 4, true, 7, true, 2);
        DataLoader b = new DataLoader(tiny(10), 4, true, 7, true, 0);      // no prefetch thread: same batches
        List<Integer> sizes = new ArrayList<>();
        List<Integer> e0 = ids(a, sizes);
        List<Integer> e1 = ids(a, new ArrayList<>());
        assertEquals(List.of(4, 4), sizes);
        assertEquals(8, new TreeSet<>(e0).size(), "no repeats");
        assertFalse(e0.equals(e1), "another epoch, another order");
        assertEquals(e0, ids(b, new ArrayList<>()));
        assertEquals(e1, ids(b, new ArrayList<>()));
        b.setNextEpoch(1);
        assertEquals(e1, ids(b, new ArrayList<>()), "any epoch can be replayed (resume)");
        assertFalse(e0.equals(ids(new DataLoader(tiny(10), 4, true, 8, true, 2), new ArrayList<>())), "another seed");
    }

    @Test
    void prefetchCanBeTurnedOffBetweenEpochsWithoutChangingTheBatches() {
        DataLoader prefetching = new DataLoader(tiny(10), 4, true, 7, false, 2);
        DataLoader switched = new DataLoader(tiny(10), 4, true, 7, false, 2);
        List<Integer> e0 = ids(prefetching, new ArrayList<>());
        List<Integer> e1 = ids(prefetching, new ArrayList<>());
        assertEquals(e0, ids(switched, new ArrayList<>()));
        switched.setPrefetch(0);
        assertEquals(0, switched.prefetch());
        DataLoader.BatchIterator next = switched.epoch(1);
        assertFalse(next.prefetching());
        try (DataLoader.BatchIterator other = prefetching.epoch(1)) {
            assertTrue(other.prefetching());
        }
        List<Integer> e1Switched = new ArrayList<>();
        while (next.hasNext()) {
            Batch b = next.next();
            float[] x = b.inputs().toFloatArray();
            for (int i = 0; i < b.size(); i++) {
                e1Switched.add(Math.round(x[i * 6] * 255));
            }
        }
        assertEquals(e1, e1Switched, "the same batches, now assembled on the caller's thread");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> switched.setPrefetch(-1));
        assertEquals("DataLoader: prefetch must be >= 0, got -1", bad.getMessage());
        assertEquals(0, switched.prefetch(), "a refused value changes nothing");
    }

    @Test
    void normalisationAndShapes() {
        ImageDataset d = tiny(3).normalized(new double[] {0.5}, new double[] {0.25});
        try (DataLoader.BatchIterator batches = new DataLoader(d, 3, false, 0).iterator()) {
            float[] x = batches.next().inputs().toFloatArray();
            assertEquals((2 / 255.0 - 0.5) / 0.25, x[12], 1e-6);
        }
        byte[] rgb = new byte[2 * 3 * 4];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) 255;
        }
        ImageDataset color = new ImageDataset("rgb", rgb, new byte[2], 3, 2, 2, List.of("x"))
            .normalized(new double[] {0, 0.5, 1}, new double[] {1, 0.5, 0.25});
        float[] c = color.batch(new int[] {1}, new Rng(0)).inputs().toFloatArray();
        assertEquals(1f, c[0], 1e-6);
        assertEquals(1f, c[4], 1e-6);
        assertEquals(0f, c[8], 1e-6);
    }

    /** A batch built outside a loader's step (Dataset.batch) is freed by close(), once. */
    @Test
    void closingABatchBuiltOutsideAStepFreesItsNativeMemoryOnce() {
        Batch b = tiny(4).batch(new int[] {0, 1, 2, 3}, new Rng(0));
        assertFalse(b.inputs().data().wasClosed());
        b.close();
        assertTrue(b.inputs().data().wasClosed(), "inputs");
        assertTrue(b.labels().data().wasClosed(), "labels");
        b.close();                                                          // a second close is harmless
    }

    @Test
    void errorsInTheBackgroundThreadReachTheCaller() {
        ImageDataset d = tiny(8).withTransforms((pixels, n, c, h, w, rng) -> {
            throw new IllegalStateException("augmentation failed");
        });
        DataLoader loader = new DataLoader(d, 4, false, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loader.iterator().next());
        assertEquals("augmentation failed", e.getMessage());
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(tiny(3), 0, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(tiny(3), 4, false, 0, true, 1));
        assertThrows(IllegalArgumentException.class, () -> tiny(3).slice(2, 5));
        assertThrows(IllegalArgumentException.class, () -> tiny(3).normalized(new double[] {0}, new double[] {0}));
        assertThrows(IndexOutOfBoundsException.class, () -> tiny(3).batch(new int[] {3}, new Rng(0)));
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
            () -> new ImageDataset("x", new byte[6], new byte[] {5}, 1, 2, 3, List.of("a")));
        assertTrue(label.getMessage().contains("label 5"), label.getMessage());
    }

    @Test
    void flipMirrorsRowsAndCropShiftsWithZeroFill() {
        byte[] img = {1, 2, 3, 4, 5, 6};                     // one 2x3 image
        Transforms.randomHorizontalFlip(1).apply(img, 1, 1, 2, 3, new Rng(0));
        assertArrayEquals(new byte[] {3, 2, 1, 6, 5, 4}, img);
        byte[] four = new byte[16];
        for (int i = 0; i < 16; i++) {
            four[i] = (byte) (i + 1);
        }
        for (long seed = 0; seed < 20; seed++) {
            byte[] crop = four.clone();
            Transforms.randomCrop(1).apply(crop, 1, 1, 4, 4, new Rng(seed));
            // every kept value stays in its row/column order, the rest is zero padding
            int nonZero = 0;
            for (byte v : crop) {
                nonZero += v != 0 ? 1 : 0;
            }
            assertTrue(nonZero == 16 || nonZero == 12 || nonZero == 9, "crop of a 4x4 by at most 1 pixel: " + nonZero);
        }
    }
}
