package org.inertia.nn.layers;

import org.inertia.core.Tensor;
import org.inertia.nn.Module;

/** 1/(1 + e⁻ˣ), elementwise. */
public final class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }
}
