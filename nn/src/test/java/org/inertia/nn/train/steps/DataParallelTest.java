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
import org.inertia.nn.Parameter;
import org.inertia.nn.Sequential;
import org.inertia.nn.layers.Dropout;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.ReLU;
import org.inertia.nn.loss.CrossEntropyLoss;
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

    @Test
    void modelsWithRandomOrBatchLayersAreRefusedOrRunOnOneThread() {
        Sequential withDropout = new Sequential(new Linear(Linear.options(5, 3).rng(new Rng(1))),
            new Dropout(0.5, new Rng(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new DataParallel(withDropout, LOSS, 2, null));
        assertTrue(e.getMessage().contains("random layers [1]") && e.getMessage().contains("shards = 1"), e.getMessage());
        // Dropout with p = 0 is the identity: it keeps its random source (for checkpoints) but draws nothing.
        assertTrue(DataParallel.supports(new Sequential(new Linear(Linear.options(5, 3).rng(new Rng(1))),
            new Dropout(0, new Rng(2)))));

        String before = System.getProperty(DataParallel.PROPERTY);
        try {
            System.setProperty(DataParallel.PROPERTY, "2");
            assertEquals(1, DataParallel.shardsFor(withDropout));
            assertEquals(2, DataParallel.shardsFor(mlp(1)));
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
