package org.inertia.learn.lesson3;

import org.inertia.core.Tensor;

/** Lesson 3: an op of your own, recorded for autograd with {@code Tensor.fromOp}. */
public interface SigmoidOp {
    /** σ(x) = 1 / (1 + e^−x), elementwise, differentiable: its backward is g · σ(x) · (1 − σ(x)). */
    Tensor sigmoid(Tensor x);
}
