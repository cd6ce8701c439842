package org.inertia.nn.layers;

import org.inertia.core.Tensor;
import org.inertia.core.ops.Pooling;
import org.inertia.core.ops.Window2d;
import org.inertia.nn.Module;

/** Max pooling; the stride defaults to the kernel size, as in PyTorch. */
public final class MaxPool2d extends Module {
    private final Window2d window;

    /** Square windows of {@code kernel}, stride {@code kernel}, no padding. */
    public MaxPool2d(int kernel) {
        this(Window2d.square(kernel, kernel, 0, 1));
    }

    /** Any window (stride, padding at most half the kernel, dilation). */
    public MaxPool2d(Window2d window) {
        this.window = window;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Pooling.maxPool2d(x, window);
    }
}
