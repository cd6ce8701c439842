package org.inertia.nn.layers;

import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.nn.BatchSlice;
import org.inertia.nn.Init;
import org.inertia.nn.Module;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inverted dropout: in training, zero each element with probability p and scale the rest by
 * 1/(1 − p); in evaluation, the identity. Masks come from the layer's own random source (seeded from
 * {@link Init#generator()} unless given), whose state checkpoints save, so a resumed run draws the
 * same masks as an uninterrupted one. A batch split across threads draws the same masks as the whole
 * batch would ({@link BatchSlice}).
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

    /** Draws through {@link BatchSlice}: the same masks whether a batch runs whole or in slices. */
    @Override
    public boolean drawsSliceInvariant() {
        return true;
    }

    @Override
    public Tensor forward(Tensor x) {
        BatchSlice slice = BatchSlice.current();
        if (slice == null || !isTraining() || p == 0 || x.rank() == 0 || !slice.covers(x.size(0))) {
            return org.inertia.core.ops.Dropout.dropout(x, p, isTraining(), rng);
        }
        // The whole batch's mask from the stream as it stood when the batch began; this slice's rows of it.
        INDArray whole = slice.stream(rng).bernoulli(x.dtype(), 1 - p, slice.wholeShape(x.shape()));
        return org.inertia.core.ops.Dropout.withMask(x, Tensor.wrap(slice.rows(whole)), p);
    }
}
