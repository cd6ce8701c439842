package org.inertia.nn.loss;

import org.inertia.core.Tensor;

/** A loss: a scalar (or per-example values) from a model's output and the target. */
@FunctionalInterface
public interface Loss {
    Tensor forward(Tensor output, Tensor target);
}
