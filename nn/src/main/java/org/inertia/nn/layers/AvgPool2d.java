package org.inertia.nn.layers;

import org.inertia.core.Tensor;
import org.inertia.core.ops.Pooling;
import org.inertia.core.ops.Window2d;
import org.inertia.nn.Module;

/** Average pooling; stride defaults to the kernel size and padding counts in the divisor, as in PyTorch. */
public final class AvgPool2d extends Module {
    private final Window2d window;
    private final boolean countIncludePad;

    /** Square windows of {@code kernel}, stride {@code kernel}, no padding. */
    public AvgPool2d(int kernel) {
        this(Window2d.square(kernel, kernel, 0, 1), true);
    }

    /** Any window; {@code countIncludePad}: padded zeros count in the divisor (PyTorch's default). */
    public AvgPool2d(Window2d window, boolean countIncludePad) {
        this.window = window;
        this.countIncludePad = countIncludePad;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Pooling.avgPool2d(x, window, countIncludePad);
    }
}
