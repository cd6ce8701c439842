package org.inertia.nn.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.inertia.nn.io.AtomicFiles;

/**
 * One CSV row every {@code every} steps — step, epoch, batch, the batch's loss and accuracy, learning
 * rate, momentum — appended and flushed as training goes, so a reader (the studio) sees a running job
 * grow within a step or two. A resumed run first drops the rows after its checkpoint's step, so each
 * step appears once. The file stays open while training runs; {@link #close()} it when a fit ends by an
 * exception (a normal end or a stop closes it).
 */
public final class StepMetricsCsv implements Callback, AutoCloseable {
    /** The CSV header. */
    public static final String HEADER = "step,epoch,batch,loss,accuracy,lr,momentum";

    private final Path file;
    private final int every;
    private BufferedWriter out;

    /** Writes to {@code file} every {@code every} steps (at least 1). */
    public StepMetricsCsv(Path file, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("StepMetricsCsv: every must be >= 1 step, got " + every);
        }
        this.file = file;
        this.every = every;
    }

    @Override
    public void onFitStart(TrainingState state) {
        try {
            List<String> kept = new ArrayList<>();
            if (state.step() > 0 && Files.isRegularFile(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    if (!line.isBlank() && Long.parseLong(line.split(",", 2)[0]) <= state.step()) {
                        kept.add(line);
                    }
                }
            }
            AtomicFiles.write(file, o -> {
                o.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
                for (String row : kept) {
                    o.write((row + "\n").getBytes(StandardCharsets.UTF_8));
                }
            });
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException(file + ": cannot prepare the per-step metrics (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void onBatchEnd(TrainingState state, double loss, long correct, long size) {
        if (out == null || state.step() % every != 0) {
            return;
        }
        var group = state.optimizer().paramGroups().get(0);
        String momentum = group.options().hasMomentum() ? Double.toString(group.momentum()) : "";
        try {
            out.write(String.format(Locale.ROOT, "%d,%d,%d,%s,%s,%s,%s%n", state.step(), state.epoch(), state.batch(),
                    Double.toString(loss), Double.toString((double) correct / size), Double.toString(group.lr()), momentum));
            out.flush();                      // a reader sees the row now
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write per-step metrics", e);
        }
    }

    @Override
    public void onStop(TrainingState state) {
        close();
    }

    @Override
    public void onFitEnd(TrainingState state) {
        close();
    }

    /** Closes the file; a fit that ended by an exception leaves it open until this is called. */
    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot close per-step metrics", e);
            } finally {
                out = null;
            }
        }
    }
}
