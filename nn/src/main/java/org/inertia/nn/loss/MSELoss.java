package org.inertia.nn.loss;

import org.inertia.core.Tensor;
import org.inertia.core.ops.Losses;
import org.inertia.core.ops.Reduction;

/** Mean squared error between tensors of the same shape. */
public final class MSELoss implements Loss {
    private final Reduction reduction;

    /** The mean over every element. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    /** Combined as {@code reduction} says. */
    public MSELoss(Reduction reduction) {
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    @Override
    public Tensor forward(Tensor prediction, Tensor target) {
        return Losses.mse(prediction, target, reduction);
    }
}
