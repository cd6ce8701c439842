package org.inertia.nn.train;

/** Training stopped because the loss stopped being a finite number. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final long step;

    /** Training stopped at {@code epoch} and {@code step}, explained by {@code message}. */
    public TrainingDivergedException(String message, int epoch, long step) {
        super(message);
        this.epoch = epoch;
        this.step = step;
    }

    /** The epoch the loss stopped being finite in. */
    public int epoch() {
        return epoch;
    }

    /** The step the loss stopped being finite at. */
    public long step() {
        return step;
    }
}
