package org.inertia.nn.train;

/**
 * Thrown by {@link Trainer#fit} when a {@link StopRequest} stopped it: the step it was in finished and
 * the callbacks saved their state at that step. {@code batch} is the number of batches of
 * {@code epoch} done (0: stopped at the end of the epoch before).
 */
public final class TrainingStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int epoch;
    private final int batch;
    private final long step;

    TrainingStopped(String reason, int epoch, int batch, long step) {
        super(reason + ": training stopped in epoch " + epoch + " at step " + step
                + (batch > 0 ? " (batch " + batch + " of the epoch)" : " (the end of the epoch before)"));
        this.reason = reason;
        this.epoch = epoch;
        this.batch = batch;
        this.step = step;
    }

    /** {@code stopped} with {@code more} added to its message (where the checkpoint is, how to continue). */
    public TrainingStopped(TrainingStopped stopped, String more) {
        super(stopped.getMessage() + more, stopped);
        this.reason = stopped.reason;
        this.epoch = stopped.epoch;
        this.batch = stopped.batch;
        this.step = stopped.step;
    }

    /** What asked for the stop, e.g. {@code SIGTERM}. */
    public String reason() {
        return reason;
    }

    /** The epoch training was in, counting from 1. */
    public int epoch() {
        return epoch;
    }

    /** Batches of that epoch done before the stop. */
    public int batch() {
        return batch;
    }

    /** Optimizer steps taken in all (across resumes). */
    public long step() {
        return step;
    }
}
