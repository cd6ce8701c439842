package org.inertia.nn.loss;

import org.inertia.core.Tensor;
import org.inertia.core.ops.Losses;
import org.inertia.core.ops.Reduction;

/**
 * Cross-entropy of logits {@code [N, C]} against int64 class labels {@code [N]}, fused log-softmax +
 * negative log-likelihood, with optional label smoothing ε (the target becomes (1 − ε)·onehot + ε/C).
 */
public final class CrossEntropyLoss implements Loss {
    private final Reduction reduction;
    private final double labelSmoothing;

    /** The mean over the batch, no label smoothing. */
    public CrossEntropyLoss() {
        this(Reduction.MEAN, 0);
    }

    /** Combined as {@code reduction} says, with label smoothing ε in [0, 1]. */
    public CrossEntropyLoss(Reduction reduction, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("CrossEntropyLoss: label smoothing must be in [0, 1], got " + labelSmoothing);
        }
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
        this.labelSmoothing = labelSmoothing;
    }

    @Override
    public Tensor forward(Tensor logits, Tensor labels) {
        return Losses.crossEntropy(logits, labels, reduction, labelSmoothing);
    }
}
