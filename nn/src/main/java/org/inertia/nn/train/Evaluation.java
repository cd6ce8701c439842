package org.inertia.nn.train;

import org.inertia.core.FastPaths;
import org.inertia.core.NoGrad;
import org.inertia.core.Tensor;
import org.inertia.core.kernels.IndexKernels;
import org.inertia.nn.Module;
import org.inertia.nn.data.Batch;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.loss.Loss;
import org.inertia.nn.train.steps.PlainStep;
import org.inertia.nn.train.steps.TrainingStep;

/** Measuring a model on a dataset: no graph, evaluation mode, the model's mode restored afterwards. */
public final class Evaluation {
    private Evaluation() {
    }

    /** How many rows of {@code logits} {@code [N, C]} have their maximum at the label: {@code argmax(1) == labels}. */
    public static long correct(Tensor logits, Tensor labels) {
        if (FastPaths.enabled() && IndexKernels.canCountMatches(logits.data(), labels.data())) {
            return IndexKernels.argmaxMatches(logits.data(), labels.data());
        }
        return (long) logits.argmax(1).eq(labels.reshape(-1)).sum().item();
    }

    /** Loss, accuracy and confusion matrix of {@code model} over one pass of {@code loader}. */
    public static EvalResult evaluate(Module model, DataLoader loader, Loss loss) {
        return evaluate(model, loader, loss, new PlainStep(model, loss, null));
    }

    /**
     * As {@link #evaluate(Module, DataLoader, Loss)}, each batch run as {@code step} splits it (a
     * data-parallel step evaluates its slices on its threads).
     */
    public static EvalResult evaluate(Module model, DataLoader loader, Loss loss, TrainingStep step) {
        boolean wasTraining = model.isTraining();
        model.eval();
        try {
            int classes = loader.dataset().classes();
            long[][] confusion = new long[classes][classes];
            double lossSum = 0;
            long seen = 0;
            long hits = 0;
            try (DataLoader.BatchIterator batches = loader.epoch(0)) {
                while (batches.hasNext()) {
                    Batch b = batches.next();     // released with its step when the loop takes the next batch
                    long[] actual = b.labels().toLongArray();
                    int row = 0;
                    for (Scored part : step.inSlices(b.inputs(), b.labels(), (x, y) -> score(model, loss, x, y))) {
                        lossSum += part.lossSum();
                        for (long predicted : part.predicted()) {
                            confusion[(int) actual[row]][(int) predicted]++;
                            hits += actual[row] == predicted ? 1 : 0;
                            row++;
                        }
                    }
                    seen += actual.length;
                }
            }
            return new EvalResult(lossSum / seen, (double) hits / seen, seen, confusion);
        } finally {
            model.train(wasTraining);
        }
    }

    /** What some rows contribute to an evaluation: their summed loss and each row's predicted class. */
    private record Scored(double lossSum, long[] predicted) {
    }

    private static Scored score(Module model, Loss loss, Tensor x, Tensor y) {
        try (NoGrad scope = NoGrad.enter()) {
            Tensor logits = model.forward(x);
            return new Scored(loss.forward(logits, y).item() * x.size(0), logits.argmax(1).toLongArray());
        }
    }
}
