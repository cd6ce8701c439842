package org.inertia.nn.layers;

import org.inertia.core.Shapes;
import org.inertia.core.Tensor;

/** Batch norm for {@code [N, C]} or {@code [N, C, L]} inputs (after linear layers, or over sequences). */
public final class BatchNorm1d extends BatchNorm {
    /** Batch norm over {@code channels} channels with PyTorch's defaults. */
    public BatchNorm1d(long channels) {
        this(options(channels));
    }

    /** Batch norm with the given options ({@link BatchNorm#options}). */
    public BatchNorm1d(Options options) {
        super(options);
    }

    @Override
    protected Tensor toOpLayout(Tensor x) {
        if ((x.rank() != 2 && x.rank() != 3) || x.shape()[1] != channels()) {
            throw new IllegalArgumentException("BatchNorm1d: input must be [batch, " + channels() + "] or [batch, "
                    + channels() + ", length], got " + Shapes.str(x.shape()));
        }
        return x.rank() == 2 ? x : x.reshape(x.shape()[0], x.shape()[1], x.shape()[2], 1);
    }

    @Override
    protected Tensor fromOpLayout(Tensor y, Tensor x) {
        return x.rank() == 2 ? y : y.reshape(x.shape());
    }
}
