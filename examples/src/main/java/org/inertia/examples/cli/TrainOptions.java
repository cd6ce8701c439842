package org.inertia.examples.cli;

import java.nio.file.Path;
import org.inertia.examples.data.DatasetKind;
import org.inertia.examples.models.ModelKind;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options {@code train} and {@code compare} share: what to train on, how long, with which schedules. */
public final class TrainOptions {
    @Option(names = "--model", defaultValue = "lenet5", paramLabel = "NAME",
            description = "mlp, lenet5, convnet or cifar-cnn (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--dataset", defaultValue = "mnist", paramLabel = "NAME",
            description = "mnist (bundled), fashion-mnist or cifar10 (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory holding the dataset's files (default: "
            + "the bundled MNIST, or the download cache).")
    Path dataDir;

    @Option(names = "--download", description = "Download the dataset into the cache if it is not there.")
    boolean download;

    @Option(names = "--epochs", defaultValue = "5", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed for weights, data order and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--lr-step-epochs", defaultValue = "2", paramLabel = "N",
            description = "step schedule: multiply the lr by --lr-gamma every N epochs (default: ${DEFAULT-VALUE}).")
    int lrStepEpochs;

    @Mixin
    ScheduleFlags schedules;

    @Option(names = "--clip-grad-norm", defaultValue = "0", paramLabel = "X",
            description = "Clip the global gradient norm to X (0: off; default: ${DEFAULT-VALUE}).")
    double clipGradNorm;

    @Option(names = "--label-smoothing", defaultValue = "0", paramLabel = "E",
            description = "Cross-entropy label smoothing in [0, 1] (default: ${DEFAULT-VALUE}).")
    double labelSmoothing;

    @Option(names = "--train-limit", paramLabel = "N", description = "Train on the first N training examples only.")
    Integer trainLimit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Evaluate on the first N test examples only.")
    Integer testLimit;

    @Option(names = "--no-augment", description = "CIFAR-10: no random crops and flips.")
    boolean noAugment;

    @Option(names = "--no-progress", description = "No progress bar (log lines only; the default when not on a terminal).")
    boolean noProgress;

    @Option(names = "--log-every", defaultValue = "10", paramLabel = "N",
            description = "Append the step's loss, accuracy, lr and momentum to steps.csv every N steps, for the "
                + "studio (0: off; default: ${DEFAULT-VALUE}).")
    int logEvery;

    @Option(names = "--diagnostics-every", defaultValue = "50", paramLabel = "N",
            description = "Measure gradient and velocity norms every N iterations, and write each layer's (with its "
                + "update:parameter ratio and cos(g, v)) to layers.csv for the studio (default: ${DEFAULT-VALUE}).")
    int diagnosticsEvery;

    ModelKind modelKind() {
        return Choices.parse("--model", model, ModelKind.class);
    }

    DatasetKind datasetKind() {
        return Choices.parse("--dataset", dataset, DatasetKind.class);
    }

    /** Checks ranges and combinations; throws naming the option and what is allowed. */
    void validate() {
        ModelKind m = modelKind();
        DatasetKind d = datasetKind();
        if (m.channels() != d.channels() || m.imageSize() != d.imageSize()) {
            throw new IllegalArgumentException("--model " + Choices.cliName(m) + " takes " + m.channels() + "x"
                    + m.imageSize() + "x" + m.imageSize() + " images but " + Choices.cliName(d) + " has " + d.channels()
                    + "x" + d.imageSize() + "x" + d.imageSize() + (d == DatasetKind.CIFAR10
                    ? " (use --model cifar-cnn)" : " (use --model mlp, lenet5 or convnet)"));
        }
        range("--epochs", epochs, 1, 10_000);
        range("--batch-size", batchSize, 1, 65_536);
        range("--lr-step-epochs", lrStepEpochs, 1, 10_000);
        range("--diagnostics-every", diagnosticsEvery, 1, Integer.MAX_VALUE);
        range("--log-every", logEvery, 0, Integer.MAX_VALUE);
        if (!(clipGradNorm >= 0) || Double.isInfinite(clipGradNorm)) {
            throw new IllegalArgumentException("--clip-grad-norm must be finite and >= 0 (0: off), got " + clipGradNorm);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("--label-smoothing must be in [0, 1], got " + labelSmoothing);
        }
        if (trainLimit != null) {
            range("--train-limit", trainLimit, 1, Integer.MAX_VALUE);
        }
        if (testLimit != null) {
            range("--test-limit", testLimit, 1, Integer.MAX_VALUE);
        }
        schedules.validate();
    }

    private static void range(String option, long value, long lo, long hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(option + " must be in [" + lo + ", " + hi + "], got " + value);
        }
    }
}
