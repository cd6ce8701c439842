package org.inertia.optim;

import org.inertia.core.Tensor;

/**
 * Re-evaluates the model for {@link Optimizer#step(Closure)}: zero the gradients, compute the loss,
 * call {@code backward()}, return the loss. Optimizers that need the gradient somewhere other than
 * the current parameters (look-ahead Nesterov) move the parameters before calling it.
 */
@FunctionalInterface
public interface Closure {
    /** Zeroes the gradients, computes the loss, calls backward on it and returns it. */
    Tensor evaluate();
}
