package org.inertia.examples.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.inertia.nn.data.Cifar10;
import org.inertia.nn.data.Downloader;
import org.inertia.nn.data.ImageDataset;
import org.inertia.nn.data.Mnist;
import org.inertia.nn.data.Split;
import org.inertia.nn.data.Transforms;

/**
 * The datasets the command line trains on: where they come from, their normalisation, and the
 * augmentation used for training. MNIST is bundled; the others come from {@code --data-dir} or the
 * download cache.
 */
public enum DatasetKind {
    MNIST(1, 28, new double[] {Mnist.MEAN}, new double[] {Mnist.STD}),
    /** Fashion-MNIST's training-set mean and std. */
    FASHION_MNIST(1, 28, new double[] {0.2860}, new double[] {0.3530}),
    CIFAR10(3, 32, Cifar10.MEAN, Cifar10.STD);

    private final int channels;
    private final int size;
    private final double[] mean;
    private final double[] std;

    DatasetKind(int channels, int size, double[] mean, double[] std) {
        this.channels = channels;
        this.size = size;
        this.mean = mean;
        this.std = std;
    }

    public int channels() {
        return channels;
    }

    public int imageSize() {
        return size;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] std() {
        return std.clone();
    }

    public java.util.List<String> classNames() {
        return switch (this) {
            case MNIST -> Mnist.Variant.MNIST.classNames();
            case FASHION_MNIST -> Mnist.Variant.FASHION_MNIST.classNames();
            case CIFAR10 -> Cifar10.CLASSES;
        };
    }

    /** The cache sub-folder the downloader uses for this dataset. */
    public String cacheFolder() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public java.util.List<Downloader.Resource> resources() {
        return switch (this) {
            case MNIST -> Downloader.mnist();
            case FASHION_MNIST -> Downloader.fashionMnist();
            case CIFAR10 -> Downloader.cifar10();
        };
    }

    /**
     * The split, normalised; training data of CIFAR-10 also gets random crops and flips when
     * {@code augment}. {@code dataDir} null means: bundled MNIST, or the download cache.
     */
    public ImageDataset load(Split split, Path dataDir, boolean download, boolean augment) throws IOException {
        if (this == MNIST && dataDir == null) {
            return Mnist.bundled(split);                 // normalised with the same mean and std
        }
        ImageDataset raw = raw(split, dataDir, download);
        ImageDataset d = raw.normalized(mean, std);
        if (augment && split == Split.TRAIN && this == CIFAR10) {
            d = d.withTransforms(Transforms.randomCrop(4), Transforms.randomHorizontalFlip(0.5));
        }
        return d;
    }

    private ImageDataset raw(Split split, Path dataDir, boolean download) throws IOException {
        Path dir = dataDir;
        if (dir == null) {
            Path cache = Downloader.defaultCacheDir().resolve(cacheFolder());
            if (download) {
                new Downloader(Downloader.defaultCacheDir()).fetchAll(cacheFolder(), resources());
            } else if (!Files.isDirectory(cache)) {
                throw new IOException("no " + cacheFolder() + " data: give --data-dir DIR (a directory holding the files), "
                        + "or run `inertia download " + cacheFolder() + "` (or add --download) to fetch it into " + cache);
            }
            dir = cache;
        }
        return switch (this) {
            case MNIST -> Mnist.load(dir, Mnist.Variant.MNIST, split);
            case FASHION_MNIST -> Mnist.load(dir, Mnist.Variant.FASHION_MNIST, split);
            case CIFAR10 -> Cifar10.load(dir, split);
        };
    }
}
