package org.inertia.nn.train;

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
import org.inertia.core.Rng;
import org.inertia.nn.Sequential;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.data.ImageDataset;
import org.inertia.nn.io.Checkpoint;
import org.inertia.nn.layers.Dropout;
import org.inertia.nn.layers.Flatten;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.ReLU;
import org.inertia.optim.Nesterov;
import org.inertia.optim.Optimizer;
import org.inertia.optim.schedule.Scheduler;
import org.inertia.optim.schedule.Schedules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop request mid-epoch checkpoints the exact step; resuming from it, again and again, ends bit-identical. */
class PreemptionTest {
    private static final int EPOCHS = 3;
    private static final int BATCHES = 10;            // 160 examples, batch 16

    @TempDir
    Path dir;

    private record Run(Sequential model, Optimizer optimizer, Scheduler scheduler) {
    }

    private static Run run(long seed) {
        Sequential model = new Sequential(new Flatten(), new Linear(Linear.options(16, 12).rng(new Rng(seed))),
            new ReLU(), new Dropout(0.2, new Rng(seed + 1)), new Linear(Linear.options(12, 3).rng(new Rng(seed + 2))));
        Optimizer opt = new Nesterov(model.parameters(), Nesterov.options().lr(0.05).momentum(0.9));
        return new Run(model, opt, Scheduler.of(opt).lr(Schedules.cosine(EPOCHS * BATCHES, 0.001)));
    }

    /** Requests a stop when the global step reaches {@code at} (the signal a handler would send). */
    private static Callback stopAt(long at, StopRequest stop) {
        return new Callback() {
            @Override
            public void onBatchEnd(TrainingState state, double loss, long correct, long size) {
                if (state.step() == at) {
                    stop.request("SIGTERM");
                }
            }
        };
    }

    private Trainer trainer(Run r, int shards, StopRequest stop, Callback... more) {
        Trainer.Builder b = Trainer.builder(r.model(), r.optimizer()).dataParallel(shards)
            .scheduler(r.scheduler(), Trainer.ScheduleInterval.ITERATION).callbacks(new Checkpointer(dir)).callbacks(more);
        return stop == null ? b.build() : b.stopRequest(stop).build();
    }

    private static Map<String, double[]> weights(Sequential m) {
        Map<String, double[]> out = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> out.put(k, v.toDoubleArray()));
        return out;
    }

    @Test
    void stopsAtSeveralPointsInARowAndEndsBitIdentical() throws IOException {
        ImageDataset data = TrainerTest.synthetic(160, 1);
        ImageDataset test = TrainerTest.synthetic(40, 2);
        for (int shards : new int[] {1, 2}) {
            Run straight = run(3);
            List<EpochResult> straightHistory = trainer(straight, shards, null)
                .fit(new DataLoader(data, 16, true, 5), new DataLoader(test, 20, false, 0), EPOCHS);

            // Stops mid-epoch (3, 14, 15), right after an epoch's last step (20: the stop comes with evaluation)
            // and at the very first step of a resumed epoch (21): each resumed by a fresh process-like setup.
            long[] stops = {3, 14, 15, 20, 21};
            Checkpoint from = null;
            Run last = null;
            for (long at : stops) {
                Run r = run(from == null ? 3 : 99);      // the first from scratch, then fresh objects, other weights
                StopRequest stop = new StopRequest();
                Checkpoint resumeFrom = from;
                TrainingStopped e = assertThrows(TrainingStopped.class, () -> trainer(r, shards, stop, stopAt(at, stop))
                    .fit(new DataLoader(data, 16, true, 5), new DataLoader(test, 20, false, 0), EPOCHS, resumeFrom));
                assertEquals("SIGTERM", e.reason());
                assertEquals(at, e.step());
                from = Checkpoint.load(dir.resolve(Checkpointer.LAST));
                assertEquals(at, from.step(), "the checkpoint is at the step the stop came in");
                PartialEpoch p = PartialEpoch.fromExtra(from.extra());
                assertEquals(at % BATCHES, p.batches());
                assertEquals(at % BATCHES == 0 ? at / BATCHES + 1 : at / BATCHES + 1, e.epoch());
                last = r;
            }
            Run finish = run(7);
            List<EpochResult> tail = trainer(finish, shards, new StopRequest())
                .fit(new DataLoader(data, 16, true, 5), new DataLoader(test, 20, false, 0), EPOCHS, from);
            Map<String, double[]> expected = weights(straight.model());
            weights(finish.model()).forEach((k, v) -> assertArrayEquals(expected.get(k), v, k + " is not bit-identical"));
            org.inertia.core.Rng.State a = straight.model().namedRandomSources().get("3.rng").state();
            org.inertia.core.Rng.State b = finish.model().namedRandomSources().get("3.rng").state();
            assertEquals(a.root(), b.root(), "dropout's stream continues where it would have been");
            assertEquals(a.node(), b.node());
            // The resumed epoch's metrics count each of its batches once.
            EpochResult lastEpoch = tail.get(tail.size() - 1);
            EpochResult expectedLast = straightHistory.get(EPOCHS - 1);
            assertEquals(expectedLast.trainLoss(), lastEpoch.trainLoss(), 1e-12);
            assertEquals(expectedLast.trainAccuracy(), lastEpoch.trainAccuracy(), 1e-12);
            assertTrue(last != null);
        }
    }

    @Test
    void perStepMetricsListEachStepOnceAcrossAStopAndAResume() throws IOException {
        ImageDataset data = TrainerTest.synthetic(160, 1);
        Path steps = dir.resolve("steps.csv");
        StopRequest stop = new StopRequest();
        Run first = run(3);
        assertThrows(TrainingStopped.class, () -> trainer(first, 1, stop, stopAt(13, stop), new StepMetricsCsv(steps, 1))
            .fit(new DataLoader(data, 16, true, 5), null, 2));
        Files.writeString(steps, "14,2,4,0.1,0.5,0.01,0.9\n", java.nio.file.StandardOpenOption.APPEND);   // a row past the checkpoint
        Checkpoint from = Checkpoint.load(dir.resolve(Checkpointer.LAST));
        trainer(run(9), 1, null, new StepMetricsCsv(steps, 1)).fit(new DataLoader(data, 16, true, 5), null, 2, from);
        List<String> lines = Files.readAllLines(steps);
        assertEquals(StepMetricsCsv.HEADER, lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(lines.get(i).startsWith(i + ","), "row " + i + ": " + lines.get(i));
        }
        assertEquals(2 * BATCHES + 1, lines.size());
    }

    @Test
    void aStopRequestedBeforeTrainingStopsAfterTheFirstStep() throws IOException {
        Run r = run(5);
        StopRequest stop = new StopRequest();
        stop.request("SIGINT");
        stop.request("later reasons are ignored");
        TrainingStopped e = assertThrows(TrainingStopped.class, () -> trainer(r, 1, stop)
            .fit(new DataLoader(TrainerTest.synthetic(64, 1), 16, true, 5), null, 2));
        assertEquals("SIGINT", e.reason());
        assertEquals(1, e.step());
        assertTrue(e.getMessage().startsWith("SIGINT: training stopped in epoch 1 at step 1"), e.getMessage());
        assertTrue(Files.isRegularFile(dir.resolve(Checkpointer.LAST)));
        assertEquals(143, SignalStop.exitCode("SIGTERM"));
        assertEquals(130, SignalStop.exitCode("SIGINT"));
    }
}
