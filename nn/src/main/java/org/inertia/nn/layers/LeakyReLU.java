package org.inertia.nn.layers;

import org.inertia.core.Tensor;
import org.inertia.nn.Module;

/** x where x &gt; 0, else slope·x (default slope 0.01, as in PyTorch). */
public final class LeakyReLU extends Module {
    private final double negativeSlope;

    /** Slope 0.01, as PyTorch. */
    public LeakyReLU() {
        this(0.01);
    }

    /** @param negativeSlope any finite value (PyTorch allows negative and above-1 slopes too) */
    public LeakyReLU(double negativeSlope) {
        if (!Double.isFinite(negativeSlope)) {
            throw new IllegalArgumentException("LeakyReLU: negative slope must be finite, got " + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.leakyRelu(negativeSlope);
    }
}
