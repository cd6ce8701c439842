package org.inertia.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.inertia.nn.Init;
import org.inertia.nn.Sequential;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.data.Mnist;
import org.inertia.nn.data.Split;
import org.inertia.nn.layers.Flatten;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.ReLU;
import org.inertia.nn.train.ConfusionMatrixCsv;
import org.inertia.nn.train.LayerMetricsCsv;
import org.inertia.nn.train.StepMetricsCsv;
import org.inertia.nn.train.Trainer;
import org.inertia.optim.Nesterov;

/**
 * A library user's training that the studio can watch: the Trainer writes steps.csv, layers.csv and
 * confusion.csv into runs/DIR as it goes; `inertia studio --runs runs` draws them, live.
 * Usage: WatchedTraining [RUNS_DIR] (default runs).
 */
public class WatchedTraining {
    public static void main(String[] args) throws Exception {
        Path run = Path.of(args.length > 0 ? args[0] : "runs", "my-mlp");
        Files.createDirectories(run);
        Init.manualSeed(42);
        var model = new Sequential(new Flatten(), new Linear(784, 128), new ReLU(), new Linear(128, 10));
        var optimizer = new Nesterov(model.parameters(), Nesterov.options().lr(0.05).momentum(0.9));
        Trainer.builder(model, optimizer)
            .callbacks(new StepMetricsCsv(run.resolve("steps.csv"), 10),      // loss, accuracy, lr, momentum
                new LayerMetricsCsv(run.resolve("layers.csv"), 50),          // per-parameter norms, ratio, cos(g, v)
                new ConfusionMatrixCsv(run.resolve("confusion.csv")))        // after each epoch
            .build()
            .fit(new DataLoader(Mnist.bundled(Split.TRAIN).slice(0, 12_800), 64, true, 1),
                new DataLoader(Mnist.bundled(Split.TEST).slice(0, 2_000), 500, false, 0), 1);
        for (String file : new String[] {"steps.csv", "layers.csv", "confusion.csv"}) {
            System.out.printf("%s: %d rows%n", file, Files.readAllLines(run.resolve(file)).size() - 1);
        }
    }
}
