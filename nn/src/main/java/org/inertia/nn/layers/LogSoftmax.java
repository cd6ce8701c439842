package org.inertia.nn.layers;

import org.inertia.core.Tensor;
import org.inertia.nn.Module;

/** log-probabilities (max-shifted, stable) along an axis (default the last). */
public final class LogSoftmax extends Module {
    private final int axis;

    /** Along the last axis. */
    public LogSoftmax() {
        this(-1);
    }

    /** Along {@code axis}. */
    public LogSoftmax(int axis) {
        this.axis = axis;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.logSoftmax(axis);
    }
}
