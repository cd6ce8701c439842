package org.inertia.nn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Labelled images held as unsigned bytes (MNIST's 60,000 training images take 47 MB, CIFAR-10's
 * 50,000 take 154 MB; as float32 they would take four times that). A batch is assembled by copying
 * the chosen images, applying the byte-level {@link Transform}s, then one native conversion to
 * float32 scaled to [0, 1] and normalised per channel: (x/255 − mean)/std.
 *
 * <p>Immutable: {@link #slice}, {@link #withTransforms} and {@link #normalized} return views that
 * share the pixel array.
 */
public final class ImageDataset implements Dataset {
    private final String name;
    private final byte[] pixels;
    private final byte[] labels;
    private final int offset;
    private final int count;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classNames;
    private final double[] mean;
    private final double[] std;
    private final List<Transform> transforms;

    /**
     * @param pixels images in NCHW order, one unsigned byte per value
     * @param labels one class index per image, each below {@code classNames.size()}
     */
    public ImageDataset(String name, byte[] pixels, byte[] labels, int channels, int height, int width,
                        List<String> classNames) {
        this(name, pixels, labels, 0, labels.length, channels, height, width, List.copyOf(classNames),
                filled(channels, 0), filled(channels, 1), List.of());
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels need " + expected
                    + " pixel bytes of " + channels + "x" + height + "x" + width + " images, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xff) >= classNames.size()) {
                throw new IllegalArgumentException(name + ": label " + (labels[i] & 0xff) + " of example " + i
                        + " is not below the " + classNames.size() + " classes");
            }
        }
    }

    private ImageDataset(String name, byte[] pixels, byte[] labels, int offset, int count, int channels, int height,
                         int width, List<String> classNames, double[] mean, double[] std, List<Transform> transforms) {
        this.name = name;
        this.pixels = pixels;
        this.labels = labels;
        this.offset = offset;
        this.count = count;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classNames = classNames;
        this.mean = mean;
        this.std = std;
        this.transforms = transforms;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /** The dataset's name, for messages ("MNIST train"). */
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int classes() {
        return classNames.size();
    }

    /** The class names, by label. */
    public List<String> classNames() {
        return classNames;
    }

    /** {channels, height, width}. */
    public int[] imageShape() {
        return new int[] {channels, height, width};
    }

    /** The label of example {@code i}. */
    public int label(int i) {
        return labels[offset + checkIndex(i)] & 0xff;
    }

    /** A copy of example {@code i}'s raw pixels. */
    public byte[] image(int i) {
        int size = channels * height * width;
        return Arrays.copyOfRange(pixels, (offset + checkIndex(i)) * size, (offset + i + 1) * size);
    }

    /** Examples {@code [from, to)}. */
    public ImageDataset slice(int from, int to) {
        if (from < 0 || to > count || from > to) {
            throw new IllegalArgumentException(name + ": slice [" + from + ", " + to + ") is outside [0, " + count + "]");
        }
        return new ImageDataset(name, pixels, labels, offset + from, to - from, channels, height, width, classNames,
                mean, std, transforms);
    }

    /** The same images normalised per channel as (x/255 − mean)/std. */
    public ImageDataset normalized(double[] channelMean, double[] channelStd) {
        if (channelMean.length != channels || channelStd.length != channels) {
            throw new IllegalArgumentException(name + ": normalisation needs " + channels + " means and stds, got "
                    + channelMean.length + " and " + channelStd.length);
        }
        for (double s : channelStd) {
            if (!(s > 0)) {
                throw new IllegalArgumentException(name + ": normalisation std must be > 0, got " + Arrays.toString(channelStd));
            }
        }
        return new ImageDataset(name, pixels, labels, offset, count, channels, height, width, classNames,
                channelMean.clone(), channelStd.clone(), transforms);
    }

    /** The same images with {@code extra} augmentations applied (in order) to every batch. */
    public ImageDataset withTransforms(Transform... extra) {
        List<Transform> all = new ArrayList<>(transforms);
        all.addAll(Arrays.asList(extra));
        return new ImageDataset(name, pixels, labels, offset, count, channels, height, width, classNames, mean, std,
                List.copyOf(all));
    }

    @Override
    public Batch batch(int[] indices, Rng rng) {
        return prepare(indices, rng).get();
    }

    /** Gathers and augments the pixels here (Java arrays); the supplier converts them natively. */
    @Override
    public Supplier<Batch> prepare(int[] indices, Rng rng) {
        int n = indices.length;
        int size = channels * height * width;
        byte[] buf = new byte[n * size];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            int src = offset + checkIndex(indices[i]);
            System.arraycopy(pixels, src * size, buf, i * size, size);
            y[i] = labels[src] & 0xff;
        }
        for (Transform t : transforms) {
            t.apply(buf, n, channels, height, width, rng);
        }
        return () -> {
            // The pixels go straight into a uint8 array (in the step's arena when there is one): a buffer made from
            // a Java ByteBuffer would be a second native copy that only the garbage collector frees, and those
            // fragment the native heap of a long run (docs/performance.md, "Memory").
            INDArray raw = Nd4j.createUninitialized(DataType.UINT8, n, channels, height, width);
            raw.data().asNio().put(buf);
            INDArray x = raw.castTo(DataType.FLOAT);
            if (raw.closeable()) {
                raw.close();            // outside a step: free it now rather than at collection
            }
            normalize(x);
            return new Batch(Tensor.wrap(x), Tensor.ofLongs(y));
        };
    }

    /** x ← x·(1/(255·std)) − mean/std, per channel, in place (two native calls). */
    private void normalize(INDArray x) {
        if (channels == 1) {
            x.muli(1 / (255 * std[0])).subi(mean[0] / std[0]);
            return;
        }
        float[] scale = new float[channels];
        float[] shift = new float[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = (float) (1 / (255 * std[c]));
            shift[c] = (float) (mean[c] / std[c]);
        }
        x.muli(Nd4j.create(scale, new long[] {1, channels, 1, 1}, 'c'))
                .subi(Nd4j.create(shift, new long[] {1, channels, 1, 1}, 'c'));
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(name + ": example " + i + " is outside [0, " + count + ")");
        }
        return i;
    }

    @Override
    public String toString() {
        return name + " (" + count + " images " + channels + "x" + height + "x" + width + ", " + classes() + " classes)";
    }
}
