package org.inertia.nn.train;

import org.inertia.core.FastPaths;
import org.inertia.core.NoGrad;
import org.inertia.core.Tensor;
import org.inertia.core.kernels.IndexKernels;
import org.inertia.nn.Module;
import org.inertia.nn.data.Batch;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.loss.Loss;

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
        boolean wasTraining = model.isTraining();
        model.eval();
        try {
            int classes = loader.dataset().classes();
            long[][] confusion = new long[classes][classes];
            double lossSum = 0;
            long seen = 0;
            long hits = 0;
            try (NoGrad scope = NoGrad.enter(); DataLoader.BatchIterator batches = loader.epoch(0)) {
                while (batches.hasNext()) {
                    long[] predicted;
                    long[] actual;
                    Batch b = batches.next();     // released with its step when the loop takes the next batch
                    Tensor logits = model.forward(b.inputs());
                    lossSum += loss.forward(logits, b.labels()).item() * b.size();
                    predicted = logits.argmax(1).toLongArray();
                    actual = b.labels().toLongArray();
                    for (int i = 0; i < actual.length; i++) {
                        confusion[(int) actual[i]][(int) predicted[i]]++;
                        hits += actual[i] == predicted[i] ? 1 : 0;
                    }
                    seen += actual.length;
                }
            }
            return new EvalResult(lossSum / seen, (double) hits / seen, seen, confusion);
        } finally {
            model.train(wasTraining);
        }
    }
}
