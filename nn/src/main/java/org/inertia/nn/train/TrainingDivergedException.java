package org.inertia.nn.train;

/** Training stopped because the loss stopped being a finite number. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final long step;

    public TrainingDivergedException(String message, int epoch, long step) {
        super(message);
        this.epoch = epoch;
        this.step = step;
    }

    public int epoch() {
        return epoch;
    }

    public long step() {
        return step;
    }
}
