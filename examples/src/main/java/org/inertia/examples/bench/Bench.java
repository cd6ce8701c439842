package org.inertia.examples.bench;

import java.util.Arrays;
import org.inertia.nn.Init;
import org.inertia.nn.Sequential;
import org.inertia.nn.data.Batch;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.data.ImageDataset;
import org.inertia.nn.data.Mnist;
import org.inertia.nn.data.Split;
import org.inertia.nn.loss.CrossEntropyLoss;
import org.inertia.nn.train.steps.DataParallel;
import org.inertia.nn.train.steps.TrainingStep;
import org.inertia.optim.Optimizer;

/**
 * Training throughput on MNIST for a fixed workload: {@code warmup} untimed steps, then
 * {@code steps} timed ones (each: next batch, zero-grad, forward, loss, backward, step). Batches come
 * from the same prefetching loader training uses, and as in training each batch is split across
 * threads where the model allows ({@link DataParallel}), or else runs whole on an OpenMP team of every core.
 */
public final class Bench {
    private Bench() {
    }

    public static BenchResult run(Workload w, int steps, int warmup, long seed) {
        if (steps < 1 || warmup < 0) {
            throw new IllegalArgumentException("bench: need steps >= 1 and warmup >= 0, got " + steps + " and " + warmup);
        }
        Init.manualSeed(seed);
        Sequential model = w.model().build(false);
        Optimizer optimizer = w.optimizer(model.parameters());
        CrossEntropyLoss loss = new CrossEntropyLoss();
        ImageDataset data = Mnist.bundled(Split.TRAIN);
        DataLoader loader = new DataLoader(data, w.batchSize(), true, seed, true, 2);
        DataLoader.BatchIterator batches = loader.iterator();
        int shards = DataParallel.shardsFor(model);
        long[] nanos = new long[steps];
        try (TrainingStep step = TrainingStep.of(model, loss, shards, null)) {
            for (int i = 0; i < warmup + steps; i++) {
                long start = System.nanoTime();
                if (!batches.hasNext()) {
                    batches = loader.iterator();
                }
                trainOn(batches.next(), step, optimizer);     // the batch's memory ends when the loop takes the next
                if (i >= warmup) {
                    nanos[i - warmup] = System.nanoTime() - start;
                }
            }
        } finally {
            batches.close();
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double median = percentile(sorted, 0.5) / 1e6;
        double total = Arrays.stream(nanos).sum() / 1e9;
        return new BenchResult(w.name().toLowerCase(java.util.Locale.ROOT), w.batchSize(), steps, warmup,
                w.batchSize() / (median / 1e3), median, percentile(sorted, 0.1) / 1e6, percentile(sorted, 0.9) / 1e6,
                (double) w.batchSize() * steps / total);
    }

    /**
     * One training step, in a method of its own: the JIT compiles it as a whole, as it does the Trainer's
     * step, instead of compiling the loop above on the stack with whatever it manages to inline.
     */
    private static void trainOn(Batch b, TrainingStep step, Optimizer optimizer) {
        optimizer.zeroGrad();
        step.forwardBackward(b.inputs(), b.labels());
        optimizer.step();
    }

    private static double percentile(long[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
