package org.inertia.samples;

import org.inertia.core.Tensor;
import org.inertia.nn.Module;
import org.inertia.nn.layers.Conv2d;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.MaxPool2d;

/** Two networks written as a user writes them: layers as fields, the forward pass by hand. */
final class Networks {
    private Networks() {
    }

    /** A stem, two residual blocks and a head: 784-256-(256)-(256)-10. */
    static final class ResidualNet extends Module {
        final Linear stem = new Linear(784, 256);
        final Residual block1 = new Residual(256);
        final Residual block2 = new Residual(256);
        final Linear head = new Linear(256, 10);

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = stem.call(x.flatten(1)).relu();
            return head.call(block2.call(block1.call(h).relu()).relu());
        }
    }

    /** LeNet-5 with ReLU and max pooling: the same layers as {@code ./inertia train --model lenet5}. */
    static final class LeNet5 extends Module {
        final Conv2d conv1 = new Conv2d(Conv2d.options(1, 6, 5).padding(2));
        final Conv2d conv2 = new Conv2d(6, 16, 5);
        final MaxPool2d pool = new MaxPool2d(2);
        final Linear fc1 = new Linear(400, 120);
        final Linear fc2 = new Linear(120, 84);
        final Linear fc3 = new Linear(84, 10);

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = pool.call(conv1.call(x).relu());
            h = pool.call(conv2.call(h).relu()).flatten(1);
            return fc3.call(fc2.call(fc1.call(h).relu()).relu());
        }
    }
}
