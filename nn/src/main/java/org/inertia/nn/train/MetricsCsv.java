package org.inertia.nn.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.inertia.nn.io.AtomicFiles;

/**
 * One CSV row per epoch: epoch, step, train loss and accuracy, test loss and accuracy, learning rate,
 * momentum, gradient and velocity norms, seconds and samples per second. The whole file is rewritten
 * atomically after each epoch, so it is always complete; resuming appends to the rows already there.
 */
public final class MetricsCsv implements Callback {
    /** The CSV header: one column per value of an {@link EpochResult}. */
    public static final String HEADER = "epoch,step,train_loss,train_accuracy,test_loss,test_accuracy,lr,momentum,"
            + "gradient_norm,velocity_norm,seconds,samples_per_second";
    private final Path file;
    private final List<String> rows = new ArrayList<>();

    /** Appends one line per epoch to {@code file} (created with the header if absent). */
    public MetricsCsv(Path file) {
        this.file = file;
    }

    @Override
    public void onFitStart(TrainingState state) {
        rows.clear();
        if (state.epochsDoneBefore() > 0 && Files.isRegularFile(file)) {
            try {
                List<String> existing = Files.readAllLines(file, StandardCharsets.UTF_8);
                // A resume: keep the rows of the epochs the checkpoint has done, drop any later ones.
                for (String line : existing.subList(Math.min(1, existing.size()), existing.size())) {
                    if (!line.isBlank() && Integer.parseInt(line.split(",", 2)[0]) <= state.epochsDoneBefore()) {
                        rows.add(line);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                throw new IllegalStateException(file + ": cannot read the metrics to resume from (" + e.getMessage() + ")", e);
            }
        }
    }

    @Override
    public void onEpochEnd(TrainingState state, EpochResult r) {
        rows.add(String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s,%s,%s,%s,%s,%.3f,%.1f", r.epoch(), r.step(), num(r.trainLoss()),
                num(r.trainAccuracy()), num(r.testLoss()), num(r.testAccuracy()), num(r.lr()), num(r.momentum()),
                num(r.gradientNorm()), num(r.velocityNorm()), r.seconds(), r.samplesPerSecond()));
        try {
            AtomicFiles.write(file, out -> {
                out.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
                for (String row : rows) {
                    out.write((row + "\n").getBytes(StandardCharsets.UTF_8));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write metrics", e);
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
