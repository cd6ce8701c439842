package org.inertia.samples;

import org.inertia.core.Tensor;
import org.inertia.nn.Module;
import org.inertia.nn.layers.Linear;

/** A residual block: x + fc2(relu(fc1(x))). Its layers are fields: registered as fc1 and fc2. */
public class Residual extends Module {
    final Linear fc1;
    final Linear fc2;

    public Residual(int width) {
        fc1 = new Linear(width, width);
        fc2 = new Linear(width, width);
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.add(fc2.call(fc1.call(x).relu()));
    }
}
