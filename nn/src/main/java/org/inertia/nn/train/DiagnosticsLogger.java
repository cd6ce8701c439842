package org.inertia.nn.train;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for the optimizer's diagnostics in one step in every {@code every} and each epoch's last
 * ({@link TrainingState#requestDiagnostics}; measuring them costs a copy of the parameters), so {@link EpochResult} carries average gradient and velocity norms, and
 * logs them per epoch.
 */
public final class DiagnosticsLogger implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(DiagnosticsLogger.class);
    private final int every;

    /** Logs gradient and velocity norms every {@code every} epochs. */
    public DiagnosticsLogger(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("DiagnosticsLogger: every must be >= 1 step, got " + every);
        }
        this.every = every;
    }

    @Override
    public void onBatchStart(TrainingState state) {
        if ((state.step() + 1) % every == 0 || state.batch() == state.batchesPerEpoch()) {
            state.requestDiagnostics();
        }
    }

    @Override
    public void onEpochEnd(TrainingState state, EpochResult r) {
        LOG.info(String.format(Locale.ROOT, "epoch %d diagnostics: gradient norm %s, velocity norm %s (lr %s, momentum %s)",
                r.epoch(), number(r.gradientNorm()), number(r.velocityNorm()), number(r.lr()), number(r.momentum())));
    }

    /** NaN marks a quantity the optimizer does not have (plain SGD has no velocity or momentum). */
    private static String number(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4g", value);
    }
}
