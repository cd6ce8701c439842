package org.inertia.nn.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * MNIST and Fashion-MNIST: 28x28 grey images in IDX files, gzip'd or raw.
 *
 * <p>Checks: magic numbers and dimensions (IDX), 28x28 images, image and label counts equal, labels
 * below 10, and for the official MNIST files the SHA-256 of the decompressed bytes (published with
 * the dataset). Fashion-MNIST's decompressed digests are not published; its downloads are verified
 * by the archive MD5s Zalando publishes ({@link Downloader}).
 */
public final class Mnist {
    /** The two datasets that share this format (and its file names). */
    public enum Variant {
        /** the handwritten digits, with the official files' SHA-256s */
        MNIST("MNIST", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), Map.of(
                "train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                "train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                "t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                "t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")),
        /** Zalando's clothing images in MNIST's format */
        FASHION_MNIST("Fashion-MNIST", List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
                "Shirt", "Sneaker", "Bag", "Ankle boot"), Map.of());

        private final String title;
        private final List<String> classNames;
        private final Map<String, String> sha256;

        Variant(String title, List<String> classNames, Map<String, String> sha256) {
            this.title = title;
            this.classNames = classNames;
            this.sha256 = sha256;
        }

        /** The dataset's name ("MNIST", "Fashion-MNIST"). */
        public String title() {
            return title;
        }

        /** The class names, by label. */
        public List<String> classNames() {
            return classNames;
        }
    }

    /** The MNIST normalisation constants everyone uses: mean 0.1307, std 0.3081. */
    public static final double MEAN = 0.1307;
    /** The standard deviation that goes with {@link #MEAN}. */
    public static final double STD = 0.3081;

    /** Where the {@code inertia-datasets} artifact keeps the four files, on the class path. */
    private static final String BUNDLED = "org/inertia/datasets/mnist/";
    private static final ImageDataset[] BUNDLED_SPLITS = new ImageDataset[Split.values().length];

    private Mnist() {
    }

    /**
     * The MNIST copy bundled in the {@code org.inertia:inertia-datasets} artifact (60,000 training or
     * 10,000 test images), normalised as the examples train on it: (x/255 − {@link #MEAN}) / {@link #STD}.
     * Checked like files on disk (IDX structure and the official SHA-256s) the first time a split is
     * read in a JVM, then shared (datasets are immutable).
     *
     * @throws IllegalStateException if {@code inertia-datasets} is not on the class path (the message
     *                               names the dependency to add) or its copy is damaged
     */
    public static ImageDataset bundled(Split split) {
        java.util.Objects.requireNonNull(split, "split");
        synchronized (BUNDLED_SPLITS) {
            if (BUNDLED_SPLITS[split.ordinal()] == null) {
                BUNDLED_SPLITS[split.ordinal()] = loadBundled(split);
            }
            return BUNDLED_SPLITS[split.ordinal()].normalized(new double[] {MEAN}, new double[] {STD});
        }
    }

    private static ImageDataset loadBundled(Split split) {
        String[] names = fileNames(split);
        ClassLoader loader = Mnist.class.getClassLoader();
        try (InputStream images = loader.getResourceAsStream(BUNDLED + names[0] + ".gz");
             InputStream labels = loader.getResourceAsStream(BUNDLED + names[1] + ".gz")) {
            if (images == null || labels == null) {
                throw new IllegalStateException("Mnist.bundled: the bundled MNIST is not on the class path. Add the "
                        + "dependency org.inertia:inertia-datasets (the same version as inertia-nn; it holds the four "
                        + "MNIST files), or load files of your own with Mnist.load(dir, Variant.MNIST, split)");
            }
            return load(images, "bundled " + names[0] + ".gz", labels, "bundled " + names[1] + ".gz", Variant.MNIST,
                    split);
        } catch (IOException e) {
            throw new IllegalStateException("Mnist.bundled: the bundled MNIST copy is damaged: " + e.getMessage(), e);
        }
    }

    /** The base file names of a split. */
    public static String[] fileNames(Split split) {
        String prefix = split == Split.TRAIN ? "train" : "t10k";
        return new String[] {prefix + "-images-idx3-ubyte", prefix + "-labels-idx1-ubyte"};
    }

    /** Loads a split from {@code dir}, which holds the IDX files, gzip'd ({@code .gz}) or not. */
    public static ImageDataset load(Path dir, Variant variant, Split split) throws IOException {
        String[] names = fileNames(split);
        Path images = find(dir, names[0], variant);
        Path labels = find(dir, names[1], variant);
        return build(variant, split, Idx.read(images, 3), images.toString(), Idx.read(labels, 1), labels.toString(),
                names);
    }

    /** Loads a split from two streams (bundled resources), with the same checks. */
    public static ImageDataset load(InputStream images, String imagesSource, InputStream labels, String labelsSource,
                                    Variant variant, Split split) throws IOException {
        return build(variant, split, Idx.read(images, imagesSource, -1, 3), imagesSource,
                Idx.read(labels, labelsSource, -1, 1), labelsSource, fileNames(split));
    }

    private static Path find(Path dir, String name, Variant variant) throws IOException {
        for (Path p : new Path[] {dir.resolve(name + ".gz"), dir.resolve(name)}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IOException("no " + variant.title + " file " + name + "(.gz) in " + dir.toAbsolutePath()
                + " (download it with the downloader, or point to the directory holding the IDX files)");
    }

    private static ImageDataset build(Variant variant, Split split, Idx.Contents images, String imagesSource,
                                      Idx.Contents labels, String labelsSource, String[] names) throws IOException {
        verify(variant, names[0], images, imagesSource);
        verify(variant, names[1], labels, labelsSource);
        int[] d = images.dims();
        if (d[1] != 28 || d[2] != 28) {
            throw new IOException(imagesSource + ": images are " + d[1] + "x" + d[2] + ", " + variant.title
                    + " images are 28x28");
        }
        if (labels.dims()[0] != d[0]) {
            throw new IOException(labelsSource + ": " + labels.dims()[0] + " labels for the " + d[0] + " images in "
                    + imagesSource);
        }
        byte[] y = labels.data();
        for (int i = 0; i < y.length; i++) {
            if ((y[i] & 0xff) > 9) {
                throw new IOException(labelsSource + ": label " + (y[i] & 0xff) + " of example " + i
                        + " is not a class 0-9");
            }
        }
        return new ImageDataset(variant.title + " " + split.name().toLowerCase(java.util.Locale.ROOT), images.data(), y,
                1, 28, 28, variant.classNames);
    }

    private static void verify(Variant variant, String name, Idx.Contents c, String source) throws IOException {
        String expected = variant.sha256.get(name);
        if (expected != null && !expected.equals(c.sha256())) {
            throw new IOException(source + ": SHA-256 of the decompressed data is " + c.sha256() + ", the official "
                    + variant.title + " " + name + " has " + expected + ": the file is corrupt or not the official one");
        }
    }
}
