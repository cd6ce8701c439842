package org.inertia.examples.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.inertia.core.NoGrad;
import org.inertia.core.Tensor;
import org.inertia.examples.data.DatasetKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inertia predict}: classifies one image with saved weights and prints the class probabilities. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classifies a PNG image with saved weights and prints the class probabilities.",
            "MNIST-type models take a 28x28 grey image, light digit on a dark background (as MNIST); "
                + "cifar-cnn takes a 32x32 colour image."})
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--weights", required = true, paramLabel = "FILE", description = "A model.safetensors file.")
    Path weights;

    @Option(names = "--image", required = true, paramLabel = "FILE.png", description = "The image to classify.")
    Path image;

    @Option(names = "--model", paramLabel = "NAME", description = "The architecture (default: from the file's metadata).")
    String model;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Which classes and normalisation (default: from the "
            + "file's metadata).")
    String dataset;

    @Option(names = "--invert", description = "Invert grey levels first (for a dark digit on a light background).")
    boolean invert;

    @Override
    public Integer call() throws Exception {
        WeightsFile w = WeightsFile.load(weights, model, dataset);
        DatasetKind d = w.datasetKind();
        Tensor input = read(image, d, invert);
        double[] p = NoGrad.get(() -> w.model().forward(input).softmax(1).toDoubleArray());
        Integer[] order = new Integer[p.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -p[i]));
        java.util.List<String> names = d.classNames();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "predicted: %d (%s), probability %.4f%n", order[0], names.get(order[0]), p[order[0]]);
        for (int i : order) {
            out.printf(Locale.ROOT, "  %d %-12s %.4f%n", i, names.get(i), p[i]);
        }
        out.flush();
        return 0;
    }

    /** Larger than any sensible 28x28 or 32x32 image file; bigger files are refused before they are read. */
    static final long MAX_IMAGE_BYTES = 16L << 20;

    /** The image as a normalised [1, C, H, W] batch of one. */
    static Tensor read(Path file, DatasetKind d, boolean invert) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        int size = d.imageSize();
        if (Files.size(file) > MAX_IMAGE_BYTES) {
            throw new IOException(file + ": " + Files.size(file) + " bytes; a " + size + "x" + size
                    + " image file is far smaller (limit " + MAX_IMAGE_BYTES + ")");
        }
        byte[] bytes = Files.readAllBytes(file);
        if (PngChunks.looksLikePng(bytes)) {
            PngChunks.verify(bytes, file.toString(), size, size);      // before the decoder trusts anything in it
        }
        BufferedImage img;
        try {
            img = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a readable image (" + e.getMessage() + ")", e);
        }
        if (img == null) {
            throw new IOException(file + ": not a PNG (or other image format Java can read)");
        }
        if (img.getWidth() != size || img.getHeight() != size) {
            throw new IOException(file + ": the image is " + img.getWidth() + "x" + img.getHeight() + ", the model takes "
                    + size + "x" + size + " images");
        }
        int c = d.channels();
        float[] x = new float[c * size * size];
        double[] mean = d.mean();
        double[] std = d.std();
        for (int y = 0; y < size; y++) {
            for (int col = 0; col < size; col++) {
                int rgb = img.getRGB(col, y);
                int[] channel = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                for (int k = 0; k < c; k++) {
                    double v = c == 1 ? grey(img, col, y, channel) : channel[k];
                    if (invert) {
                        v = 255 - v;
                    }
                    x[(k * size + y) * size + col] = (float) ((v / 255 - mean[k]) / std[k]);
                }
            }
        }
        return Tensor.of(x, 1, c, size, size);
    }

    /** The grey level: the raw sample of a grey image, else the luminance of the colour. */
    private static double grey(BufferedImage img, int x, int y, int[] rgb) {
        if (img.getRaster().getNumBands() == 1) {
            return img.getRaster().getSample(x, y, 0) * 255.0 / ((1 << img.getColorModel().getComponentSize(0)) - 1);
        }
        return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
    }
}
