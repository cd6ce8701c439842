package org.inertia.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.inertia.core.Rng;
import org.inertia.nn.Sequential;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.data.ImageDataset;
import org.inertia.nn.layers.BatchNorm1d;
import org.inertia.nn.layers.Dropout;
import org.inertia.nn.layers.Flatten;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.ReLU;
import org.inertia.optim.Adam;
import org.inertia.optim.Nesterov;
import org.inertia.optim.Optimizer;
import org.junit.jupiter.api.Test;

/**
 * Two models trained at the same time in one JVM, on two threads, end with exactly the weights each
 * reaches when trained alone: per-step memory scopes, op contexts and random sources are per thread
 * or per model, never shared.
 */
class ConcurrentTrainingTest {
    private static final int EPOCHS = 3;

    private static Sequential model(long seed) {
        return new Sequential(new Flatten(), new Linear(Linear.options(16, 24).rng(new Rng(seed))),
            new BatchNorm1d(24), new ReLU(), new Dropout(0.2, new Rng(seed + 1)),
            new Linear(Linear.options(24, 3).rng(new Rng(seed + 2))));
    }

    private static Optimizer optimizer(Sequential m, boolean adam) {
        return adam ? new Adam(m.parameters(), Adam.options().lr(0.01))
            : new Nesterov(m.parameters(), Nesterov.options().lr(0.05).momentum(0.9));
    }

    /** Trains a fresh model (seed, optimizer kind) and returns its final weights and per-epoch losses. */
    private static Map<String, double[]> train(long seed, boolean adam, CyclicBarrier start) throws Exception {
        Sequential m = model(seed);
        Optimizer o = optimizer(m, adam);
        ImageDataset data = TrainerTest.synthetic(256, seed);
        DataLoader train = new DataLoader(data, 32, true, seed, false, 2);   // prefetching: a third thread each
        DataLoader test = new DataLoader(TrainerTest.synthetic(64, seed + 100), 32, false, 0);
        if (start != null) {
            start.await();                                                    // both threads step together
        }
        List<EpochResult> results = Trainer.builder(m, o).build().fit(train, test, EPOCHS);
        Map<String, double[]> out = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> out.put(k, v.toDoubleArray()));
        out.put("losses", results.stream().mapToDouble(EpochResult::trainLoss).toArray());
        return out;
    }

    @Test
    void twoModelsOnTwoThreadsMatchEachTrainedAlone() throws Exception {
        Map<String, double[]> aloneA = train(11, false, null);
        Map<String, double[]> aloneB = train(22, true, null);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Map<String, double[]>> a = pool.submit(() -> train(11, false, start));
            Future<Map<String, double[]>> b = pool.submit(() -> train(22, true, start));
            assertSame(aloneA, a.get());
            assertSame(aloneB, b.get());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertSame(Map<String, double[]> expected, Map<String, double[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k + " differs when trained concurrently"));
    }
}
