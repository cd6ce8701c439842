package org.inertia.core.ops;

import org.inertia.core.DType;
import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Loss functions as single fused ops: one node in the graph, forward and backward in a handful of
 * whole-array calls.
 */
public final class Losses {
    private Losses() {
    }

    /** Mean cross-entropy of logits {@code [N, C]} against integer class labels {@code [N]}. */
    public static Tensor crossEntropy(Tensor logits, Tensor labels) {
        return crossEntropy(logits, labels, Reduction.MEAN);
    }

    /**
     * Cross-entropy from logits with integer labels: fused log-softmax + negative log-likelihood.
     * ℓᵢ = −log softmax(xᵢ)[yᵢ];  dℓᵢ/dxᵢ = softmax(xᵢ) − onehot(yᵢ).
     */
    public static Tensor crossEntropy(Tensor logits, Tensor labels, Reduction reduction) {
        String op = "crossEntropy";
        Shapes.requireFloat(op, logits);
        Shapes.requireRank(op, "logits", logits, 2, "[batch, classes]");
        INDArray oneHot = oneHot(op, labels, logits.shape()[0], logits.shape()[1], logits.data().dataType());
        INDArray logProbs = Activations.stableLogSoftmax(logits.data(), 1);
        INDArray perExample = logProbs.mul(oneHot).sum(1).negi();          // −log p[y], shape [N]
        INDArray out = reduce(perExample, reduction);
        long n = logits.shape()[0];
        return Tensor.fromOp(op, out, (g, needs) -> {
            INDArray grad = Transforms.exp(logProbs, true).subi(oneHot);   // softmax − onehot
            return new INDArray[] {scaleRows(grad, g, reduction, n)};
        }, logits);
    }

    /** Mean squared error. */
    public static Tensor mse(Tensor prediction, Tensor target) {
        return mse(prediction, target, Reduction.MEAN);
    }

    /**
     * Squared error (x − t)², averaged (or summed, or kept) over every element.
     * d/dx = 2(x − t)/n, d/dt = −2(x − t)/n. Shapes must match exactly (no silent broadcasting).
     */
    public static Tensor mse(Tensor prediction, Tensor target, Reduction reduction) {
        Shapes.requireSameFloatType("mse", prediction, target);
        if (!java.util.Arrays.equals(prediction.shape(), target.shape())) {
            throw new IllegalArgumentException("mse: prediction " + Shapes.str(prediction.shape()) + " and target "
                    + Shapes.str(target.shape()) + " must have the same shape");
        }
        INDArray diff = prediction.data().sub(target.data());
        INDArray squared = diff.mul(diff);
        INDArray out = switch (reduction) {
            case MEAN -> squared.mean();
            case SUM -> squared.sum();
            case NONE -> squared;
        };
        double scale = reduction == Reduction.MEAN ? 2.0 / Math.max(1, diff.length()) : 2.0;
        return Tensor.fromOp("mse", out, (g, needs) -> {
            INDArray grad = reduction == Reduction.NONE ? diff.mul(g).muli(scale) : diff.mul(g.getDouble(0) * scale);
            return new INDArray[] {needs[0] ? grad : null, needs[1] ? grad.neg() : null};
        }, prediction, target);
    }

    /** A one-hot matrix {@code [N, C]} for int64 labels, after checking their shape and range. */
    static INDArray oneHot(String op, Tensor labels, long n, long classes, org.nd4j.linalg.api.buffer.DataType type) {
        if (labels.dtype() != DType.INT64 || labels.rank() != 1) {
            throw new IllegalArgumentException(op + ": labels must be a 1-D int64 tensor of class indices, got "
                    + labels.dtype() + " " + Shapes.str(labels.shape()));
        }
        if (labels.shape()[0] != n) {
            throw new IllegalArgumentException(op + ": " + labels.shape()[0] + " labels for a batch of " + n
                    + " (logits batch size and label count must match)");
        }
        if (n > 0) {
            long lo = labels.data().minNumber().longValue();
            long hi = labels.data().maxNumber().longValue();
            if (lo < 0 || hi >= classes) {
                throw new IllegalArgumentException(op + ": labels must be class indices in [0, " + classes
                        + "), got values from " + lo + " to " + hi);
            }
        }
        INDArray out = Nd4j.createUninitialized(type, n, classes);
        // libnd4j onehot: int args (axis = −1, depth), float args (on, off).
        Native.exec("onehot", Native.in(labels.data()), Native.out(out), Native.ints(-1, classes), 1.0, 0.0);
        return out;
    }

    /** The per-example values combined as asked. */
    static INDArray reduce(INDArray perExample, Reduction reduction) {
        return switch (reduction) {
            case MEAN -> perExample.mean();
            case SUM -> perExample.sum();
            case NONE -> perExample;
        };
    }

    /** Scales row i of {@code grad} by the upstream gradient of example i's loss. */
    static INDArray scaleRows(INDArray grad, INDArray g, Reduction reduction, long n) {
        return switch (reduction) {
            case MEAN -> grad.muli(g.getDouble(0) / Math.max(1, n));
            case SUM -> grad.muli(g.getDouble(0));
            case NONE -> grad.muli(g.reshape(n, 1));
        };
    }
}
