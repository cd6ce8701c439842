package org.inertia.nn.loss;

import org.inertia.core.Tensor;
import org.inertia.core.ops.Losses;
import org.inertia.core.ops.Reduction;

/** Negative log-likelihood of log-probabilities {@code [N, C]} (a {@code LogSoftmax} output) at int64 labels. */
public final class NLLLoss implements Loss {
    private final Reduction reduction;

    /** The mean over the batch. */
    public NLLLoss() {
        this(Reduction.MEAN);
    }

    /** Combined as {@code reduction} says. */
    public NLLLoss(Reduction reduction) {
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    @Override
    public Tensor forward(Tensor logProbs, Tensor labels) {
        return Losses.nll(logProbs, labels, reduction);
    }
}
