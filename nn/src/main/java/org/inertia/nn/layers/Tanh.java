package org.inertia.nn.layers;

import org.inertia.core.Tensor;
import org.inertia.nn.Module;

/** tanh x, elementwise. */
public final class Tanh extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }
}
