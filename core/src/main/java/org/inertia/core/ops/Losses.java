package org.inertia.core.ops;

import org.inertia.core.DType;
import org.inertia.core.FastPaths;
import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.inertia.core.kernels.CrossEntropyKernel;
import org.inertia.core.kernels.IndexKernels;
import org.inertia.core.kernels.SmallArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Loss functions as single ops: one node in the graph, the forward and its derivative side by side.
 * Small float32 cross-entropies take {@link CrossEntropyKernel}, one Java loop per row.
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
        return crossEntropy(logits, labels, reduction, 0);
    }

    /**
     * Cross-entropy with label smoothing ε: the target is q = (1 − ε)·onehot(y) + ε/C, so
     * ℓᵢ = −Σ_c q_c log softmax(xᵢ)_c and dℓᵢ/dxᵢ = softmax(xᵢ) − q (PyTorch's {@code label_smoothing}).
     */
    public static Tensor crossEntropy(Tensor logits, Tensor labels, Reduction reduction, double labelSmoothing) {
        String op = "crossEntropy";
        Shapes.requireFloat(op, logits);
        Shapes.requireRank(op, "logits", logits, 2, "[batch, classes]");
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException(op + ": label smoothing must be in [0, 1], got " + labelSmoothing);
        }
        long classes = logits.shape()[1];
        if (FastPaths.enabled() && CrossEntropyKernel.applies(logits)) {
            requireLabels(op, labels, logits.shape()[0]);
            long[] y = SmallArrays.longs(labels.data());
            requireClassRange(op, min(y), max(y), classes, y.length);
            return CrossEntropyKernel.crossEntropy(logits, y, reduction, labelSmoothing);
        }
        INDArray target = oneHot(op, labels, logits.shape()[0], classes, logits.data().dataType());
        if (labelSmoothing > 0) {
            target.muli(1 - labelSmoothing).addi(labelSmoothing / classes);
        }
        INDArray logProbs = Activations.stableLogSoftmax(logits.data(), 1);
        INDArray perExample = logProbs.mul(target).sum(1).negi();          // −Σ q log p, shape [N]
        INDArray out = reduce(perExample, reduction);
        long n = logits.shape()[0];
        return Tensor.fromOp(op, out, (g, needs) -> {
            INDArray grad = Transforms.exp(logProbs, true).subi(target);   // softmax − q
            return new INDArray[] {scaleRows(grad, g, reduction, n)};
        }, logits);
    }

    /**
     * Negative log-likelihood of log-probabilities {@code [N, C]} (e.g. a logSoftmax output) at integer
     * labels: ℓᵢ = −logpᵢ[yᵢ].  dℓᵢ/dlogpᵢ = −onehot(yᵢ).
     */
    public static Tensor nll(Tensor logProbs, Tensor labels, Reduction reduction) {
        String op = "nll";
        Shapes.requireFloat(op, logProbs);
        Shapes.requireRank(op, "log-probabilities", logProbs, 2, "[batch, classes]");
        INDArray oneHot = oneHot(op, labels, logProbs.shape()[0], logProbs.shape()[1], logProbs.data().dataType());
        INDArray out = reduce(logProbs.data().mul(oneHot).sum(1).negi(), reduction);
        long n = logProbs.shape()[0];
        return Tensor.fromOp(op, out, (g, needs) -> new INDArray[] {scaleRows(oneHot.neg(), g, reduction, n)}, logProbs);
    }

    /**
     * Binary cross-entropy from logits against targets in [0, 1] of the same shape, in the stable form
     * ℓ = max(x, 0) − x·y + log(1 + e^−|x|).  dℓ/dx = σ(x) − y.
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor targets, Reduction reduction) {
        String op = "bceWithLogits";
        Shapes.requireSameFloatType(op, logits, targets);
        if (!java.util.Arrays.equals(logits.shape(), targets.shape())) {
            throw new IllegalArgumentException(op + ": logits " + Shapes.str(logits.shape()) + " and targets "
                    + Shapes.str(targets.shape()) + " must have the same shape");
        }
        INDArray x = logits.data();
        INDArray y = targets.data();
        INDArray elementwise = Transforms.max(x, 0.0, true).subi(x.mul(y))
                .addi(Transforms.log(Transforms.exp(Transforms.abs(x, true).negi(), false).addi(1), false));
        INDArray out = switch (reduction) {
            case MEAN -> elementwise.mean();
            case SUM -> elementwise.sum();
            case NONE -> elementwise;
        };
        double scale = reduction == Reduction.MEAN ? 1.0 / Math.max(1, x.length()) : 1.0;
        return Tensor.fromOp(op, out, (g, needs) -> {
            // dℓ/dx = σ(x) − y,  dℓ/dy = −x; scaled by the upstream gradient (and 1/n for the mean).
            INDArray gradX = needs[0] ? Transforms.sigmoid(x, true).subi(y) : null;
            INDArray gradY = needs[1] ? x.neg() : null;
            for (INDArray grad : new INDArray[] {gradX, gradY}) {
                if (grad != null) {
                    if (reduction == Reduction.NONE) {
                        grad.muli(g);
                    } else {
                        grad.muli(g.getDouble(0) * scale);
                    }
                }
            }
            return new INDArray[] {gradX, gradY};
        }, logits, targets);
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

    /** A one-hot matrix {@code [N, C]} for int64 labels, after checking their shape and range: row i is 1 at yᵢ. */
    static INDArray oneHot(String op, Tensor labels, long n, long classes, DataType type) {
        requireLabels(op, labels, n);
        long[] y = labels.toLongArray();
        requireClassRange(op, min(y), max(y), classes, n);
        if (FastPaths.enabled()) {
            return IndexKernels.oneHot(labels.data(), classes, type);
        }
        INDArray out = Nd4j.zeros(type, n, classes);
        for (int i = 0; i < y.length; i++) {
            out.putScalar(i, y[i], 1.0);
        }
        return out;
    }

    private static long min(long[] values) {
        return java.util.Arrays.stream(values).min().orElse(0);
    }

    private static long max(long[] values) {
        return java.util.Arrays.stream(values).max().orElse(0);
    }

    private static void requireLabels(String op, Tensor labels, long n) {
        if (labels.dtype() != DType.INT64 || labels.rank() != 1) {
            throw new IllegalArgumentException(op + ": labels must be a 1-D int64 tensor of class indices, got "
                    + labels.dtype() + " " + Shapes.str(labels.shape()));
        }
        if (labels.shape()[0] != n) {
            throw new IllegalArgumentException(op + ": " + labels.shape()[0] + " labels for a batch of " + n
                    + " (logits batch size and label count must match)");
        }
    }

    /** Labels from {@code lo} to {@code hi} must index one of {@code classes} (vacuous for an empty batch). */
    private static void requireClassRange(String op, long lo, long hi, long classes, long n) {
        if (n > 0 && (lo < 0 || hi >= classes)) {
            throw new IllegalArgumentException(op + ": labels must be class indices in [0, " + classes
                    + "), got values from " + lo + " to " + hi);
        }
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
