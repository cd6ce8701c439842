package org.inertia.nn.train;

import java.nio.file.Path;

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
    private AppendedCsv out;

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
        out = AppendedCsv.open(file, "per-step metrics", HEADER, state.step());
    }

    @Override
    public void onBatchEnd(TrainingState state, double loss, long correct, long size) {
        if (out == null || state.step() % every != 0) {
            return;
        }
        var group = state.optimizer().paramGroups().get(0);
        out.append(state.step() + "," + state.epoch() + "," + state.batch() + "," + AppendedCsv.cell(loss) + ","
                + AppendedCsv.cell((double) correct / size) + "," + AppendedCsv.cell(group.lr()) + ","
                + (group.options().hasMomentum() ? AppendedCsv.cell(group.momentum()) : ""));
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
            out.close();
            out = null;
        }
    }
}
