package org.inertia.core.ops;

import org.inertia.core.Rng;
import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inverted dropout: in training, zero each element with probability p and scale the survivors by
 * 1/(1 − p), so the expected value is unchanged and evaluation needs no rescaling.
 */
public final class Dropout {
    private Dropout() {
    }

    /**
     * out = x ⊙ m / (1 − p), m ~ Bernoulli(1 − p) drawn from {@code rng}.  d/dx = m / (1 − p).
     * Outside training (or with p = 0) returns {@code x} itself.
     */
    public static Tensor dropout(Tensor x, double p, boolean training, Rng rng) {
        Shapes.requireFloat("dropout", x);
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout: probability must be in [0, 1], got " + p);
        }
        if (!training || p == 0) {
            return x;
        }
        INDArray mask = rng.bernoulli(x.dtype(), 1 - p, x.shape());
        if (p < 1) {
            mask.divi(1 - p);
        }
        INDArray out = x.data().mul(mask);
        return Tensor.fromOp("dropout", out, (g, needs) -> new INDArray[] {g.mul(mask)}, x);
    }
}
