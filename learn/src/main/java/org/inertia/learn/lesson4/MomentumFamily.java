package org.inertia.learn.lesson4;

import java.util.List;
import org.inertia.core.Tensor;
import org.inertia.optim.Optimizer;

/** Lesson 4: momentum and Nesterov momentum, as PyTorch's {@code SGD(momentum=β, nesterov=...)} writes them. */
public interface MomentumFamily {
    /** v ← g on the first step, then v ← βv + g; θ ← θ − ηv. */
    Optimizer momentum(List<Tensor> params, double lr, double beta);

    /** v as for momentum; θ ← θ − η(g + βv). */
    Optimizer nesterov(List<Tensor> params, double lr, double beta);
}
