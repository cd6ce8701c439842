package org.inertia.nn.layers;

import org.inertia.core.Tensor;
import org.inertia.nn.Module;

/** max(x, 0), elementwise. */
public final class ReLU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
