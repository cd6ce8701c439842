package org.inertia.nn.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.inertia.nn.Module;
import org.inertia.optim.Optimizer;
import org.inertia.optim.schedule.Scheduler;

/** What callbacks see of a running {@link Trainer#fit}: where training is and what it is training. */
public final class TrainingState {
    private final Module model;
    private final Optimizer optimizer;
    private final Scheduler scheduler;
    private final int epochs;
    private final int batchesPerEpoch;
    private final int batchSize;
    private final long examplesPerEpoch;
    private final List<EpochResult> history = new ArrayList<>();
    int epoch;
    int batch;
    long step;
    int epochsDoneBefore;
    private String stopReason;
    PartialEpoch partialEpoch = PartialEpoch.none();

    boolean diagnosticsRequested;
    EvalResult testEvaluation;

    TrainingState(Module model, Optimizer optimizer, Scheduler scheduler, int epochs, int batchesPerEpoch, int batchSize,
                  long examplesPerEpoch) {
        this.model = model;
        this.optimizer = optimizer;
        this.scheduler = scheduler;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.batchSize = batchSize;
        this.examplesPerEpoch = examplesPerEpoch;
    }

    /** The model being trained. */
    public Module model() {
        return model;
    }

    /** Its optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The scheduler, or {@code null}. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The current epoch, counting from 1. */
    public int epoch() {
        return epoch;
    }

    /** The last epoch this fit will run. */
    public int epochs() {
        return epochs;
    }

    /** The batch within the current epoch, counting from 1. */
    public int batch() {
        return batch;
    }

    /** Batches in one epoch. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Training examples one epoch goes through (the last batch may be smaller than the batch size). */
    public long examplesPerEpoch() {
        return examplesPerEpoch;
    }

    /** Examples per batch. */
    public int batchSize() {
        return batchSize;
    }

    /** Optimizer steps taken since training began (across resumes). */
    public long step() {
        return step;
    }

    /** Epochs completed before this fit started (0, or the resumed checkpoint's epoch). */
    public int epochsDoneBefore() {
        return epochsDoneBefore;
    }

    /** Results of the epochs run so far in this fit. */
    public List<EpochResult> history() {
        return Collections.unmodifiableList(history);
    }

    /**
     * While stopping mid-epoch ({@link Callback#onStop}): the batches of {@link #epoch()} done and its
     * running sums; otherwise none ({@code batches() == 0}).
     */
    public PartialEpoch partialEpoch() {
        return partialEpoch;
    }

    void record(EpochResult r) {
        history.add(r);
    }

    /**
     * From {@link Callback#onBatchStart}: measure the optimizer's diagnostics in this step
     * ({@link Optimizer#diagnostics()}, {@link Optimizer#parameterDiagnostics()}), for the callbacks to read in
     * {@link Callback#onBatchEnd}. Steps nobody asked for skip the measuring (it costs a copy of the weights).
     */
    public void requestDiagnostics() {
        diagnosticsRequested = true;
    }

    /**
     * The last epoch's evaluation on the test set, with its confusion matrix (in {@link Callback#onEpochEnd});
     * null before one, or without a test set.
     */
    public EvalResult testEvaluation() {
        return testEvaluation;
    }

    /** Stops training after the current epoch, logging {@code reason}. */
    public void requestStop(String reason) {
        this.stopReason = reason;
    }

    /** Why training was asked to stop, or {@code null}. */
    public String stopReason() {
        return stopReason;
    }
}
