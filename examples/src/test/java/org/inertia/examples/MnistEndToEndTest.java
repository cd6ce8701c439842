package org.inertia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.inertia.core.Rng;
import org.inertia.nn.Sequential;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.data.ImageDataset;
import org.inertia.nn.data.Mnist;
import org.inertia.nn.data.Split;
import org.inertia.nn.layers.Flatten;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.ReLU;
import org.inertia.nn.train.EpochResult;
import org.inertia.nn.train.Trainer;
import org.inertia.optim.Momentum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** End to end on the real, bundled MNIST: an MLP trained on 2,000 images passes 90% on the 10,000 test images. */
class MnistEndToEndTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mlpOnATwoThousandImageSliceBeatsNinetyPercent() {
        ImageDataset train = Mnist.bundled(Split.TRAIN).slice(0, 2000);
        ImageDataset test = Mnist.bundled(Split.TEST);
        assertEquals(60_000, Mnist.bundled(Split.TRAIN).size());
        assertEquals(10_000, test.size());

        Sequential mlp = new Sequential(new Flatten(), new Linear(Linear.options(784, 128).rng(new Rng(1))), new ReLU(),
            new Linear(Linear.options(128, 10).rng(new Rng(2))));
        Momentum optimizer = new Momentum(mlp.parameters(), Momentum.options().lr(0.02).momentum(0.9));
        List<EpochResult> history = Trainer.builder(mlp, optimizer).build()
            .fit(new DataLoader(train, 32, true, 7), new DataLoader(test, 1000, false, 0), 10);
        double accuracy = history.get(history.size() - 1).testAccuracy();
        assertTrue(accuracy > 0.90, "test accuracy " + accuracy);
    }
}
