package org.inertia.core;

import static org.inertia.core.TestTensors.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Gradients collected per thread, and folded into the leaves afterwards. */
class GradSinkTest {

    /** d/dw sum((x·w)²) for a fixed x: 2·x·(x·w). */
    private static void backwardThrough(Tensor w, double... x) {
        f64(x, x.length).mul(w).sum().pow(2).backward();
    }

    @Test
    void whileOpenTheLeafIsUntouchedAndTheSinkHoldsWhatTheLeafWouldHaveReceived() {
        Tensor w = f64(new double[] {1, 2}, 2).requiresGrad(true);
        GradSink sink = new GradSink();
        try (GradSink.Open open = sink.open()) {
            backwardThrough(w, 3, 4);                          // x·w = 11
        }
        assertNull(w.grad(), "the leaf's own gradient must not be written while a sink is open");
        assertArrayEquals(new double[] {66, 88}, sink.grad(w).toDoubleArray(), 1e-12);

        sink.addToLeaves();
        assertArrayEquals(new double[] {66, 88}, w.grad().toDoubleArray(), 1e-12);
        assertNull(sink.grad(w), "addToLeaves forgets what it added");
    }

    @Test
    void addToLeavesAddsToAGradientTheLeafAlreadyHas() {
        Tensor w = f64(new double[] {1, 2}, 2).requiresGrad(true);
        backwardThrough(w, 1, 0);                              // own: 2·1·[1, 0] = [2, 0]
        GradSink sink = new GradSink();
        try (GradSink.Open open = sink.open()) {
            backwardThrough(w, 0, 1);                          // sink: 2·2·[0, 1] = [0, 4]
        }
        sink.addToLeaves();
        assertArrayEquals(new double[] {2, 4}, w.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void twoThreadsBackwardThroughTheSameLeavesAtOnceAndSumToTheSingleThreadResult() throws Exception {
        Tensor w = f64(new double[] {0.5, -1, 2}, 3).requiresGrad(true);
        for (int i = 0; i < 50; i++) {
            backwardThrough(w, i, 1, -i);
        }
        double[] expected = w.grad().toDoubleArray();
        w.zeroGrad();

        GradSink[] sinks = {new GradSink(), new GradSink()};
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?>[] done = new Future<?>[2];
            for (int t = 0; t < 2; t++) {
                int first = t;
                done[t] = pool.submit(() -> {
                    try (GradSink.Open open = sinks[first].open()) {
                        for (int i = first; i < 50; i += 2) {
                            backwardThrough(w, i, 1, -i);
                        }
                    }
                });
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertNull(w.grad());
        sinks[0].addToLeaves();
        sinks[1].addToLeaves();
        assertArrayEquals(expected, w.grad().toDoubleArray(), 1e-9);
    }

    @Test
    void zeroGradForgetsACollectedGradient() {
        Tensor w = f64(new double[] {1}, 1).requiresGrad(true);
        GradSink sink = new GradSink();
        try (GradSink.Open open = sink.open()) {
            backwardThrough(w, 1);
        }
        sink.zeroGrad();
        sink.addToLeaves();
        assertNull(w.grad(), "a forgotten gradient must not reach the leaf");
    }

    @Test
    void misuseFailsWithAMessage() {
        GradSink sink = new GradSink();
        try (GradSink.Open open = sink.open()) {
            IllegalStateException twice = assertThrows(IllegalStateException.class, () -> new GradSink().open());
            assertTrue(twice.getMessage().contains("already open"), twice.getMessage());
            IllegalStateException adding = assertThrows(IllegalStateException.class, sink::addToLeaves);
            assertTrue(adding.getMessage().contains("close it first"), adding.getMessage());
        }
        sink.open().close();                                   // closed: it can be opened again
    }
}
