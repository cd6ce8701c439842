package org.inertia.nn.loss;

import org.inertia.core.Tensor;
import org.inertia.core.ops.Losses;
import org.inertia.core.ops.Reduction;

/** Binary cross-entropy from logits against targets in [0, 1], computed in the overflow-free form. */
public final class BCEWithLogitsLoss implements Loss {
    private final Reduction reduction;

    /** The mean over every element. */
    public BCEWithLogitsLoss() {
        this(Reduction.MEAN);
    }

    /** Combined as {@code reduction} says. */
    public BCEWithLogitsLoss(Reduction reduction) {
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    @Override
    public Tensor forward(Tensor logits, Tensor targets) {
        return Losses.bceWithLogits(logits, targets, reduction);
    }
}
