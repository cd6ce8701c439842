package org.inertia.nn.layers;

import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.nn.Init;
import org.inertia.nn.Module;

/**
 * Inverted dropout: in training, zero each element with probability p and scale the rest by
 * 1/(1 − p); in evaluation, the identity. Masks come from the layer's own random source (seeded from
 * {@link Init#generator()} unless given), whose state checkpoints save, so a resumed run draws the
 * same masks as an uninterrupted one.
 */
public final class Dropout extends Module {
    private final double p;
    private final Rng rng;

    /** Drops with probability {@code p}, drawing masks from a generator seeded from the default one. */
    public Dropout(double p) {
        this(p, new Rng(Init.generator().nextLong()));
    }

    /** Drops with probability {@code p}, drawing masks from {@code rng}. */
    public Dropout(double p, Rng rng) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: probability must be in [0, 1], got " + p);
        }
        this.p = p;
        this.rng = registerRandomSource("rng", rng);
    }

    /** With p = 0 dropout is the identity and draws nothing. */
    @Override
    public boolean drawsRandomNumbers() {
        return p > 0;
    }

    @Override
    public Tensor forward(Tensor x) {
        return org.inertia.core.ops.Dropout.dropout(x, p, isTraining(), rng);
    }
}
