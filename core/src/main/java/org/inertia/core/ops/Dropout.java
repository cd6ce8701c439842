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
        return withMask(x, Tensor.wrap(rng.bernoulli(x.dtype(), 1 - p, x.shape())), p);
    }

    /**
     * out = x ⊙ m / (1 − p) for a given 0/1 mask {@code m} of x's shape and dtype (what
     * {@link #dropout} draws).  d/dx = m / (1 − p). With p = 1 the output is all zeros, as PyTorch's.
     */
    public static Tensor withMask(Tensor x, Tensor mask, double p) {
        Shapes.requireSameFloatType("dropout", x, mask);
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout: probability must be in [0, 1], got " + p);
        }
        if (!java.util.Arrays.equals(x.shape(), mask.shape())) {
            throw new IllegalArgumentException("dropout: mask " + Shapes.str(mask.shape()) + " must have the input's shape "
                    + Shapes.str(x.shape()));
        }
        INDArray scaled = p < 1 ? mask.data().div(1 - p) : mask.data().mul(0.0);   // m / (1 − p), as PyTorch scales it
        INDArray out = x.data().mul(scaled);
        return Tensor.fromOp("dropout", out, (g, needs) -> new INDArray[] {g.mul(scaled)}, x);
    }
}
