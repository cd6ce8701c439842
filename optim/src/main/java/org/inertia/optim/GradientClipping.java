package org.inertia.optim;

import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Gradient clipping, in place on the parameters' gradients, as {@code torch.nn.utils.clip_grad_*}.
 * Call it between {@code backward()} and {@code step()}.
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * Scales all gradients together so their global 2-norm is at most {@code maxNorm}:
     * g ← g · min(1, maxNorm / (‖g‖ + 1e-6)). Returns the norm before clipping.
     *
     * @throws IllegalStateException if the norm is NaN or infinite and {@code errorIfNonfinite}
     */
    public static double clipGradNorm(Iterable<? extends Tensor> params, double maxNorm, boolean errorIfNonfinite) {
        if (!(maxNorm > 0) || Double.isNaN(maxNorm)) {
            throw new IllegalArgumentException("clipGradNorm: maxNorm must be > 0, got " + maxNorm);
        }
        double sumSq = 0;
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g != null) {
                double n = g.data().norm2Number().doubleValue();
                sumSq += n * n;
            }
        }
        double total = Math.sqrt(sumSq);
        if (!Double.isFinite(total)) {
            if (errorIfNonfinite) {
                throw new IllegalStateException("clipGradNorm: the total gradient norm is " + total
                        + "; the loss or a gradient is not finite (lower the learning rate, or check the inputs)");
            }
        }
        double coefficient = maxNorm / (total + 1e-6);
        if (coefficient < 1) {
            for (Tensor p : params) {
                Tensor g = p.grad();
                if (g != null) {
                    g.data().muli(coefficient);
                }
            }
        }
        return total;
    }

    /** {@link #clipGradNorm(Iterable, double, boolean)} without the non-finite check (PyTorch's default). */
    public static double clipGradNorm(Iterable<? extends Tensor> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, false);
    }

    /** Clamps every gradient element to [−clipValue, clipValue]. */
    public static void clipGradValue(Iterable<? extends Tensor> params, double clipValue) {
        if (!(clipValue > 0) || Double.isNaN(clipValue)) {
            throw new IllegalArgumentException("clipGradValue: clipValue must be > 0, got " + clipValue);
        }
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g != null) {
                INDArray data = g.data();
                Transforms.min(Transforms.max(data, -clipValue, false), clipValue, false);
            }
        }
    }
}
