package org.inertia.nn.layers;

import org.inertia.core.Tensor;
import org.inertia.nn.Module;

/** Merges every axis from {@code startAxis} (default 1: keep the batch axis) into one. */
public final class Flatten extends Module {
    private final int startAxis;

    /** Flattens every axis but the batch axis (as {@code nn.Flatten()}). */
    public Flatten() {
        this(1);
    }

    /** Flattens axes {@code startAxis} to the last. */
    public Flatten(int startAxis) {
        this.startAxis = startAxis;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.flatten(startAxis);
    }
}
