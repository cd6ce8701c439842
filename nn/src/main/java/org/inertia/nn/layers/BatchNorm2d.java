package org.inertia.nn.layers;

import org.inertia.core.Shapes;
import org.inertia.core.Tensor;

/** Batch norm for NCHW feature maps: one mean and variance per channel over batch, height and width. */
public final class BatchNorm2d extends BatchNorm {
    /** Batch norm over {@code channels} channels with PyTorch's defaults. */
    public BatchNorm2d(long channels) {
        this(options(channels));
    }

    /** Batch norm with the given options ({@link BatchNorm#options}). */
    public BatchNorm2d(Options options) {
        super(options);
    }

    @Override
    protected Tensor toOpLayout(Tensor x) {
        if (x.rank() != 4 || x.shape()[1] != channels()) {
            throw new IllegalArgumentException("BatchNorm2d: input must be [batch, " + channels()
                    + ", height, width], got " + Shapes.str(x.shape()));
        }
        return x;
    }

    @Override
    protected Tensor fromOpLayout(Tensor y, Tensor x) {
        return y;
    }
}
