package org.inertia.examples.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.inertia.nn.data.ImageDataset;
import org.inertia.nn.data.Mnist;
import org.inertia.nn.data.Split;

/**
 * The copy of MNIST that ships inside the examples jar, so the default example runs offline. Loaded
 * through the same checks as files on disk (IDX structure and the official SHA-256s). Each split is
 * read once per JVM and shared (datasets are immutable).
 */
public final class BundledMnist {
    private static final String BASE = "/org/inertia/examples/mnist/";
    private static volatile ImageDataset train;
    private static volatile ImageDataset test;

    private BundledMnist() {
    }

    public static ImageDataset train() {
        ImageDataset d = train;
        if (d == null) {
            synchronized (BundledMnist.class) {
                d = train == null ? (train = load(Split.TRAIN)) : train;
            }
        }
        return d;
    }

    public static ImageDataset test() {
        ImageDataset d = test;
        if (d == null) {
            synchronized (BundledMnist.class) {
                d = test == null ? (test = load(Split.TEST)) : test;
            }
        }
        return d;
    }

    private static ImageDataset load(Split split) {
        String[] names = Mnist.fileNames(split);
        try (InputStream images = open(names[0]); InputStream labels = open(names[1])) {
            return Mnist.load(images, "bundled " + names[0] + ".gz", labels, "bundled " + names[1] + ".gz",
                    Mnist.Variant.MNIST, split);
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled MNIST copy is damaged: " + e.getMessage(), e);
        }
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = BundledMnist.class.getResourceAsStream(BASE + name + ".gz");
        if (in == null) {
            throw new IOException("bundled " + name + ".gz is missing from the jar");
        }
        return in;
    }
}
