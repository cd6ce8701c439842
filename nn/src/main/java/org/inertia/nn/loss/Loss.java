package org.inertia.nn.loss;

import org.inertia.core.Tensor;

/** A loss: a scalar (or per-example values) from a model's output and the target. */
@FunctionalInterface
public interface Loss {
    /** The loss of {@code output} (a model's) against {@code target}. */
    Tensor forward(Tensor output, Tensor target);
}
