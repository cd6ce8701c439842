package org.inertia.nn.data;

/** Random augmentations for image batches (the ones CIFAR training uses). */
public final class Transforms {
    private Transforms() {
    }

    /** Mirrors each image left-right with probability {@code p}. */
    public static Transform randomHorizontalFlip(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("randomHorizontalFlip: probability must be in [0, 1], got " + p);
        }
        return (pixels, n, c, h, w, rng) -> {
            for (int i = 0; i < n; i++) {
                if (rng.nextInt(1_000_000) < p * 1_000_000) {
                    for (int row = 0; row < c * h; row++) {
                        int start = (i * c * h + row) * w;
                        for (int a = start, b = start + w - 1; a < b; a++, b--) {
                            byte t = pixels[a];
                            pixels[a] = pixels[b];
                            pixels[b] = t;
                        }
                    }
                }
            }
        };
    }

    /**
     * Pads each image with {@code padding} zero pixels on every side and cuts a random window of the
     * original size out of it (the standard CIFAR augmentation: padding 4).
     */
    public static Transform randomCrop(int padding) {
        if (padding < 0) {
            throw new IllegalArgumentException("randomCrop: padding must be >= 0, got " + padding);
        }
        return (pixels, n, c, h, w, rng) -> {
            byte[] image = new byte[c * h * w];
            for (int i = 0; i < n; i++) {
                int dy = rng.nextInt(2 * padding + 1) - padding;     // shift of the window, in pixels
                int dx = rng.nextInt(2 * padding + 1) - padding;
                int base = i * c * h * w;
                System.arraycopy(pixels, base, image, 0, image.length);
                java.util.Arrays.fill(pixels, base, base + image.length, (byte) 0);
                for (int ch = 0; ch < c; ch++) {
                    for (int y = 0; y < h; y++) {
                        int sy = y + dy;
                        if (sy < 0 || sy >= h) {
                            continue;
                        }
                        int x0 = Math.max(0, -dx);
                        int x1 = Math.min(w, w - dx);
                        if (x1 > x0) {
                            System.arraycopy(image, (ch * h + sy) * w + x0 + dx, pixels, base + (ch * h + y) * w + x0,
                                    x1 - x0);
                        }
                    }
                }
            }
        };
    }
}
