package org.inertia.samples;

import org.inertia.core.*;
import org.inertia.core.ops.Losses;
import org.inertia.nn.Init;
import org.inertia.nn.Module;
import org.inertia.nn.data.*;
import org.inertia.nn.layers.Linear;
import org.inertia.optim.Nesterov;

public class QuickStart {
    static class Net extends Module {
        final Linear hidden = new Linear(784, 128);
        final Linear out = new Linear(128, 10);
        @Override
        public Tensor forward(Tensor x) {
            return out.call(hidden.call(x.flatten(1)).relu());
        }
    }

    public static void main(String[] args) {
        Init.manualSeed(42);
        Net model = new Net();
        var optimizer = new Nesterov(model.parameters(), Nesterov.options().lr(0.05).momentum(0.9));
        for (int epoch = 1; epoch <= 2; epoch++) {
            for (Batch b : new DataLoader(Mnist.bundled(Split.TRAIN), 64, true, epoch)) {
                optimizer.zeroGrad();
                Losses.crossEntropy(model.call(b.inputs()), b.labels()).backward();
                optimizer.step();
            }
            long correct = 0;
            try (NoGrad g = NoGrad.enter()) {
                for (Batch b : new DataLoader(Mnist.bundled(Split.TEST), 1000, false, 0)) {
                    correct += (long) model.call(b.inputs()).argmax(1).eq(b.labels()).sum().item();
                }
            }
            System.out.printf("epoch %d: test accuracy %.2f%%%n", epoch, correct / 100.0);
        }
    }
}
