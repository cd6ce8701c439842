package org.inertia.core.kernels;

import org.inertia.core.Tensor;
import org.inertia.core.ops.Reduction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Softmax cross-entropy for small float32 logits as one Java loop per row over a heap copy, instead of
 * the dozen ND4J calls of the readable form in {@code ops.Losses}, each of which costs more than the
 * whole loop on a [128, 10] batch (docs/performance.md, "Where the time goes"). Same values, same
 * gradient: the conformance suite runs both.
 */
public final class CrossEntropyKernel {
    private CrossEntropyKernel() {
    }

    /** Whether the kernel takes these logits: dense float32 within {@link SmallArrays#limit()}. */
    public static boolean applies(Tensor logits) {
        return SmallArrays.fit(logits.data());
    }

    /**
     * The loss of {@code logits} {@code [N, C]} against int64 labels already checked to be in range, with
     * label smoothing ε, combined as {@code reduction} says.
     */
    public static Tensor crossEntropy(Tensor logits, long[] labels, Reduction reduction, double labelSmoothing) {
        int n = (int) logits.shape()[0];
        int classes = (int) logits.shape()[1];
        float[] softmaxMinusTarget = SmallArrays.copy(logits.data());
        double[] losses = rows(softmaxMinusTarget, labels, classes, labelSmoothing);
        DataType type = logits.data().dataType();
        INDArray out;
        if (reduction == Reduction.NONE) {
            out = Nd4j.createFromArray(losses).castTo(type);
        } else {
            double total = 0;
            for (double loss : losses) {
                total += loss;
            }
            out = Nd4j.scalar(type, reduction == Reduction.MEAN ? total / Math.max(1, n) : total);
        }
        return Tensor.fromOp("crossEntropy", out, (g, needs) -> {
            float[] grad = new float[softmaxMinusTarget.length];
            float[] rowScale = reduction == Reduction.NONE ? g.toFloatVector() : null;
            float scale = reduction == Reduction.MEAN ? (float) (g.getDouble(0) / Math.max(1, n)) : g.getFloat(0);
            for (int i = 0; i < n; i++) {
                float s = rowScale == null ? scale : rowScale[i];
                for (int c = i * classes; c < (i + 1) * classes; c++) {
                    grad[c] = softmaxMinusTarget[c] * s;
                }
            }
            INDArray result = Nd4j.createUninitialized(type, n, classes);
            SmallArrays.write(grad, result);
            return new INDArray[] {result};
        }, logits);
    }

    /**
     * Softmax cross-entropy of logits {@code [N, C]} (row-major in {@code logits}) against class
     * {@code labels} with label smoothing ε, in one pass per row: returns the per-example losses
     * ℓᵢ = log Σⱼ e^xᵢⱼ − Σⱼ qⱼ xᵢⱼ and leaves softmax(xᵢ) − q in {@code logits}, where
     * q = (1 − ε)·onehot(yᵢ) + ε/C. Sums run in double; labels must already be in range.
     */
    static double[] rows(float[] logits, long[] labels, int classes, double smoothing) {
        int n = labels.length;
        double[] losses = new double[n];
        double off = smoothing / classes;
        double on = 1 - smoothing + off;
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[row + c]);
            }
            double sumExp = 0;
            double targetDotX = 0;
            for (int c = 0; c < classes; c++) {
                double shifted = logits[row + c] - (double) max;
                sumExp += Math.exp(shifted);
                targetDotX += (c == labels[i] ? on : off) * shifted;
            }
            double logSumExp = Math.log(sumExp);
            losses[i] = logSumExp - targetDotX;                     // −Σ q log softmax, as Σ q = 1
            for (int c = 0; c < classes; c++) {
                double p = Math.exp(logits[row + c] - (double) max - logSumExp);
                logits[row + c] = (float) (p - (c == labels[i] ? on : off));
            }
        }
        return losses;
    }
}
