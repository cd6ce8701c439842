package org.inertia.examples.loop;

import java.io.PrintWriter;
import org.inertia.core.NoGrad;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Losses;
import org.inertia.nn.Init;
import org.inertia.nn.Sequential;
import org.inertia.nn.data.Batch;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.data.Mnist;
import org.inertia.nn.data.Split;
import org.inertia.nn.layers.Conv2d;
import org.inertia.nn.layers.Flatten;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.MaxPool2d;
import org.inertia.nn.layers.ReLU;
import org.inertia.optim.Nesterov;

/**
 * LeNet-5 on the bundled MNIST in one plain loop, nothing hidden: each step is zero-grad, forward, loss,
 * backward, optimizer step. {@code Trainer} is this loop plus schedules, callbacks, checkpoints and threads.
 */
public final class PlainLoop {
    private PlainLoop() {
    }

    /** Trains a fresh LeNet-5 for {@code epochs}, printing each epoch's test accuracy; returns the last. */
    public static double train(int epochs, PrintWriter out) {
        Init.manualSeed(0);
        Sequential model = new Sequential(
                new Conv2d(1, 6, 5, 2), new ReLU(), new MaxPool2d(2),        // 1x28x28 -> 6x14x14
                new Conv2d(6, 16, 5), new ReLU(), new MaxPool2d(2),          // -> 16x5x5
                new Flatten(), new Linear(400, 120), new ReLU(), new Linear(120, 84), new ReLU(), new Linear(84, 10));
        Nesterov optimizer = new Nesterov(model.parameters(), Nesterov.options().lr(0.05).momentum(0.9));
        double accuracy = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            model.train();
            for (Batch b : new DataLoader(Mnist.bundled(Split.TRAIN), 64, true, epoch)) {
                optimizer.zeroGrad();
                Tensor loss = Losses.crossEntropy(model.call(b.inputs()), b.labels());
                loss.backward();
                optimizer.step();
            }
            model.eval();
            long correct = 0;
            try (NoGrad noGrad = NoGrad.enter()) {                           // no graph: nothing to differentiate
                for (Batch b : new DataLoader(Mnist.bundled(Split.TEST), 1000, false, 0)) {
                    correct += (long) model.call(b.inputs()).argmax(1).eq(b.labels()).sum().item();
                }
            }
            accuracy = correct / 10_000.0;
            out.printf("epoch %d: test accuracy %.2f%%%n", epoch, 100 * accuracy).flush();
        }
        return accuracy;
    }
}
