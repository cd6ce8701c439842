package org.inertia.nn.data;

import org.inertia.core.Rng;

/**
 * A batch transform on raw pixels: {@code pixels} holds {@code n} images of
 * {@code channels × height × width} unsigned bytes, row-major, changed in place. Runs on the data
 * loader's background thread, so augmentation overlaps training.
 */
@FunctionalInterface
public interface Transform {
    /** Changes the {@code n} images in {@code pixels} in place, drawing any randomness from {@code rng}. */
    void apply(byte[] pixels, int n, int channels, int height, int width, Rng rng);
}
