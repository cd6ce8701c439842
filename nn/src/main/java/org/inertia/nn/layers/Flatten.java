package org.inertia.nn.layers;

import org.inertia.core.Tensor;
import org.inertia.nn.Module;

/** Merges every axis from {@code startAxis} (default 1: keep the batch axis) into one. */
public final class Flatten extends Module {
    private final int startAxis;

    public Flatten() {
        this(1);
    }

    public Flatten(int startAxis) {
        this.startAxis = startAxis;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.flatten(startAxis);
    }
}
