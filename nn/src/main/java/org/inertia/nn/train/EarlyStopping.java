package org.inertia.nn.train;

import java.util.Locale;

/** Stops training when the test loss has not improved by {@code minDelta} for {@code patience} epochs. */
public final class EarlyStopping implements Callback {
    private final int patience;
    private final double minDelta;
    private double best = Double.POSITIVE_INFINITY;
    private int waited;

    /** Stops after {@code patience} epochs without the test loss improving by more than {@code minDelta}. */
    public EarlyStopping(int patience, double minDelta) {
        if (patience < 1) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 1 epoch, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("EarlyStopping: minDelta must be >= 0, got " + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
    }

    @Override
    public void onEpochEnd(TrainingState state, EpochResult r) {
        if (Double.isNaN(r.testLoss())) {
            throw new IllegalStateException("EarlyStopping watches the test loss: give fit() a test loader");
        }
        if (r.testLoss() < best - minDelta) {
            best = r.testLoss();
            waited = 0;
        } else if (++waited >= patience) {
            state.requestStop(String.format(Locale.ROOT, "early stopping: the test loss has not improved on %.4f for %d "
                    + "epoch(s)", best, waited));
        }
    }
}
