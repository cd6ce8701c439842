package org.inertia.nn.layers;

import org.inertia.core.Tensor;
import org.inertia.nn.Module;

/** x·Φ(x), the exact form, elementwise. */
public final class GELU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.gelu();
    }
}
