package org.inertia.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Losses;
import org.inertia.nn.Sequential;
import org.inertia.nn.layers.BatchNorm1d;
import org.inertia.nn.layers.Dropout;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.ReLU;
import org.inertia.optim.Momentum;
import org.inertia.optim.Optimizer;
import org.inertia.optim.schedule.Scheduler;
import org.inertia.optim.schedule.Schedules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Sequential model(long seed) {
        return new Sequential(new Linear(Linear.options(4, 8).rng(new Rng(seed))), new BatchNorm1d(8), new ReLU(),
            new Dropout(0.3, new Rng(seed + 1)), new Linear(Linear.options(8, 3).rng(new Rng(seed + 2))));
    }

    private static void train(Sequential model, Optimizer opt, Scheduler s, int steps) {
        Tensor x = Tensor.normal(new Rng(9), 0, 1, 16, 4);
        Tensor y = Tensor.ofLongs(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0);
        for (int i = 0; i < steps; i++) {
            opt.zeroGrad();
            Losses.crossEntropy(model.forward(x), y).backward();
            opt.step();
            s.step();
        }
    }

    private static Map<String, double[]> values(Sequential m) {
        Map<String, double[]> out = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> out.put(k, v.toDoubleArray()));
        return out;
    }

    @Test
    void restoringAndContinuingMatchesNeverStopping() throws IOException {
        Sequential a = model(1);
        Optimizer oa = new Momentum(a.parameters(), Momentum.options().lr(0.1));
        Scheduler sa = Scheduler.of(oa).lr(Schedules.step(3, 0.5));
        train(a, oa, sa, 5);
        Checkpoint.capture(1, 5, a, oa, sa, Map.of("note", "x")).save(dir.resolve("c.ckpt"));
        train(a, oa, sa, 4);

        Sequential b = model(50);                          // different initial weights and dropout seed
        Optimizer ob = new Momentum(b.parameters(), Momentum.options().lr(0.1));
        Scheduler sb = Scheduler.of(ob).lr(Schedules.step(3, 0.5));
        Checkpoint c = Checkpoint.load(dir.resolve("c.ckpt"));
        assertEquals(1, c.epoch());
        assertEquals(5, c.step());
        assertEquals("x", c.extra().get("note"));
        c.restore(b, ob, sb);
        train(b, ob, sb, 4);
        Map<String, double[]> va = values(a);
        values(b).forEach((k, v) -> assertArrayEquals(va.get(k), v, k + " differs after resume"));
    }

    @Test
    void aTruncatedOrCorruptCheckpointIsRefusedAndChangesNothing() throws IOException {
        Sequential m = model(1);
        Optimizer o = new Momentum(m.parameters(), Momentum.options());
        Scheduler s = Scheduler.of(o);
        train(m, o, s, 2);
        Path good = dir.resolve("good.ckpt");
        Checkpoint.capture(1, 2, m, o, s, Map.of()).save(good);
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = dir.resolve("truncated.ckpt");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        IOException t = assertThrows(IOException.class, () -> Checkpoint.load(truncated));
        assertTrue(t.getMessage().startsWith(truncated.toString()) && t.getMessage().contains("truncated"), t.getMessage());

        Path flipped = dir.resolve("flipped.ckpt");
        byte[] copy = bytes.clone();
        copy[copy.length - 10] ^= 0x40;                    // one bit in the data area
        Files.write(flipped, copy);
        IOException f = assertThrows(IOException.class, () -> Checkpoint.load(flipped));
        assertTrue(f.getMessage().contains("corrupt") && f.getMessage().contains("SHA-256"), f.getMessage());

        Path weights = dir.resolve("weights.safetensors");
        SafeTensors.write(weights, m.stateDict(), Map.of());
        IOException notCkpt = assertThrows(IOException.class, () -> Checkpoint.load(weights));
        assertTrue(notCkpt.getMessage().contains("not an Inertia checkpoint"), notCkpt.getMessage());
    }

    @Test
    void restoringIntoADifferentModelIsRefusedBeforeAnythingChanges() throws IOException {
        Sequential m = model(1);
        Optimizer o = new Momentum(m.parameters(), Momentum.options());
        train(m, o, Scheduler.of(o), 2);
        Checkpoint c = Checkpoint.capture(1, 2, m, o, null, Map.of());

        Sequential other = new Sequential(new Linear(4, 8), new BatchNorm1d(8), new ReLU(), new Dropout(0.3),
            new Linear(8, 5));                             // a different head
        Optimizer oo = new Momentum(other.parameters(), Momentum.options());
        Map<String, double[]> before = values(other);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.restore(other, oo, null));
        assertTrue(e.getMessage().contains("4.weight") && e.getMessage().contains("[5, 8]"), e.getMessage());
        Map<String, double[]> after = values(other);
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k));
        assertEquals(0, oo.steps());
    }

    @Test
    void aFailedWriteKeepsThePreviousCheckpoint() throws IOException {
        Sequential m = model(1);
        Optimizer o = new Momentum(m.parameters(), Momentum.options());
        Path file = dir.resolve("last.ckpt");
        Checkpoint.capture(1, 0, m, o, null, Map.of()).save(file);
        byte[] before = Files.readAllBytes(file);
        assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full (simulated)");
        }));
        assertArrayEquals(before, Files.readAllBytes(file), "the previous checkpoint is intact");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
        assertEquals(1, Checkpoint.load(file).epoch());
    }
}
