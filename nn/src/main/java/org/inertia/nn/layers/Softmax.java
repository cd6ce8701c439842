package org.inertia.nn.layers;

import org.inertia.core.Tensor;
import org.inertia.nn.Module;

/** probabilities along an axis (default the last). */
public final class Softmax extends Module {
    private final int axis;

    /** Along the last axis. */
    public Softmax() {
        this(-1);
    }

    /** Along {@code axis}. */
    public Softmax(int axis) {
        this.axis = axis;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.softmax(axis);
    }
}
