package org.inertia.datasets;

import java.util.List;

/**
 * Where this artifact keeps its files on the class path, for tools that read them directly. Training
 * code uses {@code org.inertia.nn.data.Mnist.bundled(Split)} instead, which checks and decodes them.
 */
public final class BundledFiles {
    /** The class-path directory of the MNIST files. */
    public static final String MNIST_DIRECTORY = "org/inertia/datasets/mnist/";

    /** The MNIST files in it: the original IDX names, gzip'd. */
    public static final List<String> MNIST_FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    private BundledFiles() {
    }
}
