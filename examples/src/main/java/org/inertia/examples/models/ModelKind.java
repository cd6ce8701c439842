package org.inertia.examples.models;

import org.inertia.nn.Sequential;
import org.inertia.nn.layers.BatchNorm2d;
import org.inertia.nn.layers.Conv2d;
import org.inertia.nn.layers.Dropout;
import org.inertia.nn.layers.Flatten;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.MaxPool2d;
import org.inertia.nn.layers.ReLU;

/**
 * The bundled image classifiers. {@code mlp}, {@code lenet5} and {@code convnet} are the MNIST-sized
 * benchmark workloads exactly (the performance comparison with PyTorch uses the same definitions).
 * Where a model has dropout, {@code build(false)} gives it probability 0: the same modules (so the
 * same parameter names), no dropping.
 */
public enum ModelKind {
    /** 784-512-256-10, ReLU. */
    MLP(1, 28) {
        @Override
        public Sequential build(boolean training) {
            return new Sequential(new Flatten(), new Linear(784, 512), new ReLU(), new Linear(512, 256), new ReLU(),
                    new Linear(256, 10));
        }
    },
    /**
     * LeNet-5 (with ReLU and max pooling): conv 1→6 5x5 pad 2, pool, conv 6→16 5x5, pool,
     * 400-120-84-10.
     */
    LENET5(1, 28) {
        @Override
        public Sequential build(boolean training) {
            return new Sequential(new Conv2d(1, 6, 5, 2), new ReLU(), new MaxPool2d(2), new Conv2d(6, 16, 5), new ReLU(),
                    new MaxPool2d(2), new Flatten(), new Linear(400, 120), new ReLU(), new Linear(120, 84), new ReLU(),
                    new Linear(84, 10));
        }
    },
    /**
     * PyTorch's MNIST example network: conv 1→32 3x3, conv 32→64 3x3, max pool, 9216-128-10; for
     * training with its dropout (0.25 after pooling, 0.5 before the last layer).
     */
    CONVNET(1, 28) {
        @Override
        public Sequential build(boolean training) {
            return new Sequential(new Conv2d(1, 32, 3), new ReLU(), new Conv2d(32, 64, 3), new ReLU(), new MaxPool2d(2),
                    new Dropout(training ? 0.25 : 0), new Flatten(), new Linear(9216, 128), new ReLU(),
                    new Dropout(training ? 0.5 : 0), new Linear(128, 10));
        }
    },
    /**
     * A small VGG-style network for 32x32 colour images: three blocks of 3x3 convolutions with batch
     * norm (32, 64, 128 channels), max pooling after each, then 2048-256-10 with dropout.
     */
    CIFAR_CNN(3, 32) {
        @Override
        public Sequential build(boolean training) {
            return new Sequential(
                    new Conv2d(3, 32, 3, 1), new BatchNorm2d(32), new ReLU(),
                    new Conv2d(32, 32, 3, 1), new BatchNorm2d(32), new ReLU(), new MaxPool2d(2),
                    new Conv2d(32, 64, 3, 1), new BatchNorm2d(64), new ReLU(),
                    new Conv2d(64, 64, 3, 1), new BatchNorm2d(64), new ReLU(), new MaxPool2d(2),
                    new Conv2d(64, 128, 3, 1), new BatchNorm2d(128), new ReLU(), new MaxPool2d(2),
                    new Flatten(), new Linear(128 * 4 * 4, 256), new ReLU(), new Dropout(training ? 0.3 : 0),
                    new Linear(256, 10));
        }
    };

    private final int channels;
    private final int size;

    ModelKind(int channels, int size) {
        this.channels = channels;
        this.size = size;
    }

    /** A new model, initialised from {@code Init}'s generator; without {@code training}, dropout is 0. */
    public abstract Sequential build(boolean training);

    /** Input channels the model expects. */
    public int channels() {
        return channels;
    }

    /** Input height and width the model expects. */
    public int imageSize() {
        return size;
    }
}
