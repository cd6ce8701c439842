package org.inertia.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.data.ImageDataset;
import org.inertia.nn.data.Split;
import org.inertia.nn.loss.CrossEntropyLoss;
import org.inertia.nn.train.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inertia evaluate}: test loss, accuracy, per-class accuracy and the confusion matrix of saved weights. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluates saved weights on a test set: loss, accuracy, per-class accuracy, confusion matrix.")
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--weights", required = true, paramLabel = "FILE", description = "A model.safetensors file.")
    Path weights;

    @Option(names = "--model", paramLabel = "NAME", description = "The architecture (default: from the file's metadata).")
    String model;

    @Option(names = "--dataset", paramLabel = "NAME", description = "The test set (default: from the file's metadata).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Dataset directory (default: bundled MNIST or the cache).")
    Path dataDir;

    @Option(names = "--download", description = "Download the dataset into the cache if it is not there.")
    boolean download;

    @Option(names = "--test-limit", paramLabel = "N", description = "Evaluate on the first N test examples only.")
    Integer testLimit;

    @Override
    public Integer call() throws Exception {
        WeightsFile w = WeightsFile.load(weights, model, dataset);
        ImageDataset test = w.datasetKind().load(Split.TEST, dataDir, download, false);
        if (testLimit != null) {
            if (testLimit < 1) {
                throw new IllegalArgumentException("--test-limit must be >= 1, got " + testLimit);
            }
            test = test.slice(0, Math.min(testLimit, test.size()));
        }
        var result = Evaluation.evaluate(w.model(), new DataLoader(test, 500, false, 0, false, 2), new CrossEntropyLoss());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s on %s (%d examples): accuracy %.2f%%, loss %.4f%n", Choices.cliName(w.modelKind()),
                test.name(), result.examples(), 100 * result.accuracy(), result.loss());
        double[] perClass = result.perClassAccuracy();
        for (int c = 0; c < perClass.length; c++) {
            out.printf(Locale.ROOT, "  class %d (%s): %.2f%%%n", c, test.classNames().get(c), 100 * perClass[c]);
        }
        out.print(result.confusionTable());
        out.flush();
        return 0;
    }
}
