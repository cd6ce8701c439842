package org.inertia.nn.train.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.inertia.core.DType;
import org.inertia.core.MemoryScope;
import org.inertia.core.kernels.OpenMp;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.nn.Module;
import org.inertia.nn.Parameter;
import org.inertia.nn.Sequential;
import org.inertia.nn.layers.BatchNorm1d;
import org.inertia.nn.layers.Conv2d;
import org.inertia.nn.layers.Dropout;
import org.inertia.nn.layers.Flatten;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.ReLU;
import org.inertia.nn.loss.CrossEntropyLoss;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.data.TensorDataset;
import org.inertia.nn.train.EvalResult;
import org.inertia.nn.train.Evaluation;
import org.inertia.optim.Optimizer;
import org.inertia.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A batch split across threads gives the gradients, loss and hit count of the whole batch on one. */
class DataParallelTest {
    private static final CrossEntropyLoss LOSS = new CrossEntropyLoss();

    private static Sequential mlp(long seed) {
        return new Sequential(
            new Linear(Linear.options(5, 8).dtype(DType.FLOAT64).rng(new Rng(seed))), new ReLU(),
            new Linear(Linear.options(8, 3).dtype(DType.FLOAT64).rng(new Rng(seed + 1))));
    }

    private static Tensor inputs(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n * 5];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Tensor.of(DType.FLOAT64, v, n, 5);
    }

    private static Tensor labels(int n, long seed) {
        Random r = new Random(seed);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(3);
        }
        return Tensor.ofLongs(v, n);
    }

    /** {@code labels} with the one at {@code row} replaced by {@code value}. */
    private static Tensor withLabel(Tensor labels, int row, long value) {
        long[] v = labels.toLongArray();
        v[row] = value;
        return Tensor.ofLongs(v, v.length);
    }

    private static double[][] grads(Sequential model) {
        return model.parameters().stream().map(p -> p.grad().toDoubleArray()).toArray(double[][]::new);
    }

    private static TrainingStep.Result step(DataParallel parallel, Sequential model, Tensor x, Tensor y) {
        model.parameters().forEach(Parameter::zeroGrad);
        try (MemoryScope scope = MemoryScope.enter()) {
            return parallel.forwardBackward(x, y);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void slicesSumToTheWholeBatch(int shards) {
        Sequential model = mlp(1);
        Tensor x = inputs(11, 2);                               // 11 rows: slices of unequal size
        Tensor y = labels(11, 3);
        TrainingStep.Result whole;
        double[][] expected;
        try (DataParallel one = new DataParallel(model, LOSS, 1, Evaluation::correct)) {
            whole = step(one, model, x, y);
            expected = grads(model);
        }
        try (DataParallel split = new DataParallel(model, LOSS, shards, Evaluation::correct)) {
            for (int repeat = 0; repeat < 3; repeat++) {        // buffers reused across steps hold nothing stale
                TrainingStep.Result sliced = step(split, model, x, y);
                assertEquals(whole.loss(), sliced.loss(), 1e-12);
                assertEquals(whole.correct(), sliced.correct());
                double[][] got = grads(model);
                for (int p = 0; p < expected.length; p++) {
                    assertArrayEquals(expected[p], got[p], 1e-12, "parameter " + p + " with " + shards + " shards");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void evaluationInSlicesMatchesTheWholeBatches(int shards) {
        Sequential model = mlp(21);
        DataLoader loader = new DataLoader(new TensorDataset(inputs(37, 22), labels(37, 23), 3), 10, false, 0);
        EvalResult whole = Evaluation.evaluate(model, loader, LOSS);
        EvalResult sliced;
        try (DataParallel split = new DataParallel(model, LOSS, shards, null)) {
            sliced = Evaluation.evaluate(model, loader, LOSS, split);
        }
        assertEquals(whole.loss(), sliced.loss(), 1e-12);
        assertEquals(whole.accuracy(), sliced.accuracy());
        assertArrayEquals(whole.confusion(), sliced.confusion());
        assertTrue(model.isTraining(), "the model's mode is restored");
    }

    @Test
    void aFailingSliceOfAnyWorkFailsTheCallWithItsOwnException() {
        Sequential model = mlp(24);
        try (DataParallel split = new DataParallel(model, LOSS, 2, null)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> split.inSlices(inputs(6, 25),
                labels(6, 26), (x, y) -> {
                    if (Thread.currentThread().getName().equals("inertia-shard")) {
                        throw new IllegalStateException("slice on the worker failed");
                    }
                    return x.size(0);
                }));
            assertEquals("slice on the worker failed", e.getMessage());
            assertEquals(java.util.List.of(3L, 3L), split.inSlices(inputs(6, 25), labels(6, 26), (x, y) -> x.size(0)));
        }
    }

    @Test
    void aBatchSmallerThanTheShardsRunsOnFewerThreads() {
        Sequential model = mlp(4);
        Tensor x = inputs(1, 5);
        Tensor y = labels(1, 6);
        double[][] expected;
        try (DataParallel one = new DataParallel(model, LOSS, 1, null)) {
            step(one, model, x, y);
            expected = grads(model);
        }
        try (DataParallel split = new DataParallel(model, LOSS, 4, null)) {
            step(split, model, x, y);
        }
        assertArrayEquals(expected[0], grads(model)[0], 1e-12);
    }

    @Test
    void trainingWithSlicesFollowsTheSameTrajectory() {
        double[][] after = new double[2][];
        for (int run = 0; run < 2; run++) {
            Sequential model = mlp(7);
            Optimizer sgd = new SGD(model.parameters(), SGD.options().lr(0.1));
            try (DataParallel parallel = new DataParallel(model, LOSS, run == 0 ? 1 : 2, null)) {
                for (int s = 0; s < 20; s++) {
                    step(parallel, model, inputs(16, 100 + s), labels(16, 200 + s));
                    sgd.step();
                }
            }
            after[run] = model.parameters().get(0).toDoubleArray();
        }
        assertArrayEquals(after[0], after[1], 1e-10);
    }

    @Test
    void aFailingSliceFailsTheStepAndLeavesNoPartialGradientBehind() {
        Sequential model = mlp(8);
        Tensor x = inputs(8, 9);
        Tensor good = labels(8, 10);
        Tensor bad = withLabel(good, 7, 99);                    // in the worker's slice: class 99 of 3
        try (DataParallel split = new DataParallel(model, LOSS, 2, null)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> step(split, model, x, bad));
            assertTrue(e.getMessage().contains("99"), e.getMessage());
            assertNull(model.parameters().get(0).grad(), "no half-summed gradient may reach the parameters");

            step(split, model, x, good);                        // the next step is not polluted by the failed one
            double[] afterFailure = model.parameters().get(0).grad().toDoubleArray();
            try (DataParallel one = new DataParallel(model, LOSS, 1, null)) {
                step(one, model, x, good);
            }
            assertArrayEquals(model.parameters().get(0).grad().toDoubleArray(), afterFailure, 1e-12);
        }
    }

    @Test
    void aFailingStepLeavesAnAccumulatedGradientAsItWas() {
        Sequential model = mlp(11);
        Tensor x = inputs(6, 12);
        Tensor good = labels(6, 13);
        Tensor bad = withLabel(good, 0, -1);                    // in the caller's slice this time
        try (DataParallel split = new DataParallel(model, LOSS, 2, null)) {
            step(split, model, x, good);                        // a gradient to accumulate onto
            double[] before = model.parameters().get(0).grad().toDoubleArray();
            try (MemoryScope scope = MemoryScope.enter()) {
                assertThrows(IllegalArgumentException.class, () -> split.forwardBackward(x, bad));
            }
            assertArrayEquals(before, model.parameters().get(0).grad().toDoubleArray(), 0.0);
            try (MemoryScope scope = MemoryScope.enter()) {
                split.forwardBackward(x, good);                 // accumulates: twice the one-batch gradient
            }
            double[] twice = model.parameters().get(0).grad().toDoubleArray();
            for (int i = 0; i < before.length; i++) {
                assertEquals(2 * before[i], twice[i], 1e-12);
            }
        }
    }

    /** A layer that draws from its own source on whatever thread runs it: its draws depend on the split. */
    private static final class Noise extends Module {
        private final Rng rng = registerRandomSource("rng", new Rng(3));

        @Override
        public Tensor forward(Tensor x) {
            return x.add(Tensor.wrap(rng.normal(x.dtype(), 0, 1, x.shape())));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void dropoutDrawsTheWholeBatchsMasksInEverySplit(int shards) {
        Sequential[] models = new Sequential[2];
        double[][][] got = new double[2][][];
        TrainingStep.Result[] results = new TrainingStep.Result[2];
        Tensor x = inputs(11, 12);
        Tensor y = labels(11, 13);
        for (int run = 0; run < 2; run++) {
            models[run] = new Sequential(
                new Linear(Linear.options(5, 8).dtype(DType.FLOAT64).rng(new Rng(1))), new ReLU(),
                new Dropout(0.5, new Rng(2)),
                new Linear(Linear.options(8, 3).dtype(DType.FLOAT64).rng(new Rng(3))), new Dropout(0.25, new Rng(4)));
            try (DataParallel step = new DataParallel(models[run], LOSS, run == 0 ? 1 : shards, Evaluation::correct)) {
                for (int repeat = 0; repeat < 3; repeat++) {        // new masks each step, the same on both sides
                    results[run] = step(step, models[run], x, y);
                }
            }
            got[run] = grads(models[run]);
        }
        assertEquals(results[0].loss(), results[1].loss(), 1e-12);
        assertEquals(results[0].correct(), results[1].correct());
        for (int p = 0; p < got[0].length; p++) {
            assertArrayEquals(got[0][p], got[1][p], 1e-12, "parameter " + p + " with " + shards + " shards");
        }
        // The layers' own streams end where the whole-batch steps left them: checkpoints and resumes agree.
        assertEquals(models[0].namedRandomSources().get("2.rng").state(), models[1].namedRandomSources().get("2.rng").state());
        assertEquals(models[0].namedRandomSources().get("4.rng").state(), models[1].namedRandomSources().get("4.rng").state());
    }

    @Test
    void modelsWithBatchStatisticsOrSplitDependentDrawsAreRefusedOrRunWhole() {
        Sequential withNoise = new Sequential(new Linear(Linear.options(5, 3).rng(new Rng(1))), new Noise());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new DataParallel(withNoise, LOSS, 2, null));
        assertTrue(e.getMessage().contains("random layers [1]") && e.getMessage().contains("shards = 1"), e.getMessage());
        Sequential withBatchNorm = new Sequential(new Linear(Linear.options(5, 3).rng(new Rng(1))), new BatchNorm1d(3));
        e = assertThrows(IllegalArgumentException.class, () -> new DataParallel(withBatchNorm, LOSS, 2, null));
        assertTrue(e.getMessage().contains("batch statistics") && e.getMessage().contains("1.running_mean"),
            e.getMessage());
        assertTrue(DataParallel.supports(new Sequential(new Linear(Linear.options(5, 3).rng(new Rng(1))),
            new Dropout(0.5, new Rng(2)))));
        Sequential convolutional = new Sequential(new Conv2d(1, 2, 3), new Flatten(), new Linear(8, 3));

        String before = System.getProperty(DataParallel.PROPERTY);
        try {
            System.setProperty(DataParallel.PROPERTY, "2");
            assertEquals(1, DataParallel.shardsFor(withBatchNorm));
            assertEquals(1, DataParallel.shardsFor(mlp(1)));            // dense layers only: the BLAS has the cores
            assertEquals(2, DataParallel.shardsFor(convolutional));
            System.setProperty(DataParallel.PROPERTY, "two");
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> DataParallel.shardsFor(mlp(1)));
            assertTrue(bad.getMessage().contains(DataParallel.PROPERTY) && bad.getMessage().contains("'two'"),
                bad.getMessage());
            System.setProperty(DataParallel.PROPERTY, "0");
            assertThrows(IllegalArgumentException.class, () -> DataParallel.shardsFor(mlp(1)));
        } finally {
            if (before == null) {
                System.clearProperty(DataParallel.PROPERTY);
            } else {
                System.setProperty(DataParallel.PROPERTY, before);
            }
        }
    }

    @Test
    void badArgumentsFailWithAMessage() {
        Sequential model = mlp(1);
        assertThrows(IllegalArgumentException.class, () -> new DataParallel(model, LOSS, 0, null));
        try (DataParallel split = new DataParallel(model, LOSS, 2, null)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> split.forwardBackward(inputs(4, 1), labels(3, 1)));
            assertTrue(e.getMessage().contains("4 inputs but 3 labels"), e.getMessage());
        }
    }

    @Test
    void theOpeningThreadRunsWithAOneThreadTeamUntilClosedAndIsTheOnlyOneAllowed() throws Exception {
        int team = OpenMp.threads();
        Sequential model = mlp(1);
        try (DataParallel split = new DataParallel(model, LOSS, 2, null)) {
            step(split, model, inputs(6, 1), labels(6, 2));
            assertEquals(1, OpenMp.threads());
            java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
            Thread other = new Thread(() -> {
                try {
                    split.forwardBackward(inputs(2, 1), labels(2, 1));
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            other.start();
            other.join();
            assertTrue(thrown.get() instanceof IllegalStateException && thrown.get().getMessage().contains("opened on thread"),
                String.valueOf(thrown.get()));
        }
        assertEquals(team, OpenMp.threads());
    }
}
