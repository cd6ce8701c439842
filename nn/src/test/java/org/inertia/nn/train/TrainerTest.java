package org.inertia.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.inertia.core.Rng;
import org.inertia.nn.Sequential;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.data.ImageDataset;
import org.inertia.nn.io.Checkpoint;
import org.inertia.nn.layers.BatchNorm1d;
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

class TrainerTest {
    @TempDir
    Path dir;

    /** 4x4 images of 3 classes: a bright left, middle or right band, plus noise. */
    static ImageDataset synthetic(int n, long seed) {
        Random r = new Random(seed);
        byte[] pixels = new byte[n * 16];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(3);
            labels[i] = (byte) c;
            for (int p = 0; p < 16; p++) {
                int col = p % 4;
                boolean bright = (c == 0 && col == 0) || (c == 1 && (col == 1 || col == 2)) || (c == 2 && col == 3);
                pixels[i * 16 + p] = (byte) Math.min(255, (bright ? 160 : 40) + r.nextInt(80));
            }
        }
        return new ImageDataset("synthetic", pixels, labels, 1, 4, 4, List.of("left", "middle", "right"));
    }

    private record Setup(Sequential model, Optimizer optimizer, Scheduler scheduler) {
    }

    private static Setup setup(long seed) {
        Sequential model = new Sequential(new Flatten(), new Linear(Linear.options(16, 12).rng(new Rng(seed))),
            new BatchNorm1d(12), new ReLU(), new Dropout(0.2, new Rng(seed + 1)),
            new Linear(Linear.options(12, 3).rng(new Rng(seed + 2))));
        Optimizer opt = new Nesterov(model.parameters(), Nesterov.options().lr(0.05).momentum(0.9));
        Scheduler s = Scheduler.of(opt).lr(Schedules.cosine(40, 0.001));
        return new Setup(model, opt, s);
    }

    private Trainer trainer(Setup s, Callback... callbacks) {
        return Trainer.builder(s.model(), s.optimizer()).scheduler(s.scheduler(), Trainer.ScheduleInterval.ITERATION)
            .callbacks(callbacks).build();
    }

    private static Map<String, double[]> weights(Sequential m) {
        Map<String, double[]> out = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> out.put(k, v.toDoubleArray()));
        return out;
    }

    @Test
    void twoEpochsStraightEqualOneEpochStopResumeOneMore() throws IOException {
        ImageDataset data = synthetic(160, 1);
        Setup straight = setup(3);
        trainer(straight).fit(new DataLoader(data, 16, true, 5), null, 2);

        Setup first = setup(3);
        trainer(first, new Checkpointer(dir)).fit(new DataLoader(data, 16, true, 5), null, 1);
        Setup resumed = setup(99);                         // fresh objects, different initial weights
        Checkpoint c = Checkpoint.load(dir.resolve(Checkpointer.LAST));
        assertEquals(1, c.epoch());
        trainer(resumed).fit(new DataLoader(data, 16, true, 5), null, 2, c);

        Map<String, double[]> expected = weights(straight.model());
        weights(resumed.model()).forEach((k, v) -> assertArrayEquals(expected.get(k), v, k + " is not bit-identical"));
    }

    @Test
    void batchesSplitAcrossThreadsTrainAsOnOneThread() {
        ImageDataset data = synthetic(96, 6);
        List<Map<String, double[]>> after = new java.util.ArrayList<>();
        List<List<EpochResult>> history = new java.util.ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Sequential model = new Sequential(new Flatten(), new Linear(Linear.options(16, 12).rng(new Rng(8))),
                new ReLU(), new Linear(Linear.options(12, 3).rng(new Rng(9))));
            Optimizer opt = new Nesterov(model.parameters(), Nesterov.options().lr(0.05).momentum(0.9));
            history.add(Trainer.builder(model, opt).dataParallel(run + 1).build()
                .fit(new DataLoader(data, 16, true, 5), null, 2));
            after.add(weights(model));
        }
        after.get(0).forEach((k, v) -> assertArrayEquals(v, after.get(1).get(k), 1e-5, k));
        for (int e = 0; e < 2; e++) {
            assertEquals(history.get(0).get(e).trainLoss(), history.get(1).get(e).trainLoss(), 1e-5);
            assertEquals(history.get(0).get(e).trainAccuracy(), history.get(1).get(e).trainAccuracy(), 1e-9);
        }
    }

    @Test
    void splittingBatchesOfAModelWithDropoutOrBatchNormIsRefusedAtBuild() {
        Setup s = setup(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Trainer.builder(s.model(), s.optimizer()).dataParallel(2).build());
        assertTrue(e.getMessage().contains("across 2 threads") && e.getMessage().contains("dataParallel(1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder(s.model(), s.optimizer()).dataParallel(0));
    }

    @Test
    void learnsTheSyntheticTaskAndReportsEveryEpoch() throws IOException {
        Setup s = setup(4);
        Path csv = dir.resolve("metrics.csv");
        List<EpochResult> history = trainer(s, new MetricsCsv(csv), new Checkpointer(dir), new DiagnosticsLogger(5),
            new ProgressBarCallback()).fit(new DataLoader(synthetic(300, 2), 20, true, 1),
            new DataLoader(synthetic(90, 3), 30, false, 0), 3);
        assertEquals(3, history.size());
        EpochResult last = history.get(2);
        assertTrue(last.testAccuracy() > 0.9, "test accuracy " + last.testAccuracy());
        assertTrue(last.trainLoss() < history.get(0).trainLoss());
        assertFalse(Double.isNaN(last.gradientNorm()) || Double.isNaN(last.velocityNorm()));
        assertEquals(45, last.step());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(MetricsCsv.HEADER, rows.get(0));
        assertEquals(4, rows.size());
        assertTrue(rows.get(3).startsWith("3,45,"), rows.get(3));
        assertTrue(Files.isRegularFile(dir.resolve(Checkpointer.LAST)) && Files.isRegularFile(dir.resolve(Checkpointer.BEST)));
    }

    @Test
    void evaluateGivesLossAccuracyAndAConfusionMatrix() {
        Setup s = setup(5);
        trainer(s).fit(new DataLoader(synthetic(300, 2), 20, true, 1), null, 2);
        EvalResult r = trainer(s).evaluate(new DataLoader(synthetic(90, 3), 40, false, 0));
        assertEquals(90, r.examples());
        long total = Arrays.stream(r.confusion()).flatMapToLong(Arrays::stream).sum();
        long diagonal = 0;
        for (int c = 0; c < 3; c++) {
            diagonal += r.confusion()[c][c];
        }
        assertEquals(90, total);
        assertEquals(r.accuracy(), diagonal / 90.0, 1e-12);
        assertTrue(r.confusionTable().contains("actual"));
        assertTrue(s.model().isTraining(), "evaluate restores training mode");
    }

    /**
     * A linear model: at lr 1e6 its weights grow geometrically until float32 overflows. (With batch
     * norm the loss stays finite; with ReLU the first huge step kills every unit and it stays finite.)
     */
    private static Setup plain(long seed) {
        Sequential model = new Sequential(new Flatten(), new Linear(Linear.options(16, 12).rng(new Rng(seed))),
            new Linear(Linear.options(12, 3).rng(new Rng(seed + 2))));
        Optimizer opt = new Nesterov(model.parameters(), Nesterov.options().lr(0.05).momentum(0.9));
        return new Setup(model, opt, null);
    }

    @Test
    void aDivergingLossStopsWithEpochAndStepAndKeepsTheLastGoodCheckpoint() throws IOException {
        ImageDataset data = synthetic(160, 1);
        Setup s = plain(6);
        trainer(s, new Checkpointer(dir)).fit(new DataLoader(data, 16, true, 5), null, 1);
        byte[] good = Files.readAllBytes(dir.resolve(Checkpointer.LAST));

        Setup again = plain(6);
        Callback explode = new Callback() {
            @Override
            public void onFitStart(TrainingState state) {
                state.optimizer().paramGroups().get(0).setLr(1e6);
            }
        };
        Trainer t = trainer(again, explode, new Checkpointer(dir));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.fit(
            new DataLoader(data, 16, true, 5), null, 3, Checkpoint.load(dir.resolve(Checkpointer.LAST))));
        assertEquals(2, e.epoch());
        assertTrue(e.getMessage().contains("epoch 2") && e.getMessage().contains("step " + e.step())
            && e.getMessage().contains("learning rate (1000000.0)"), e.getMessage());
        assertArrayEquals(good, Files.readAllBytes(dir.resolve(Checkpointer.LAST)), "the last good checkpoint is kept");
        assertEquals(1, Checkpoint.load(dir.resolve(Checkpointer.LAST)).epoch());
    }

    @Test
    void earlyStoppingStopsWhenTheTestLossStalls() {
        Setup s = setup(7);
        s.optimizer().paramGroups().get(0).setLr(0);          // only batch norm's running statistics move
        List<EpochResult> history = Trainer.builder(s.model(), s.optimizer()).callbacks(new EarlyStopping(1, 10)).build()
            .fit(new DataLoader(synthetic(60, 1), 20, true, 1), new DataLoader(synthetic(30, 2), 30, false, 0), 5);
        assertEquals(2, history.size());
    }

    @Test
    void badArgumentsAreRefused() {
        Setup s = setup(8);
        Trainer t = trainer(s);
        DataLoader loader = new DataLoader(synthetic(20, 1), 10, false, 0);
        assertThrows(IllegalArgumentException.class, () -> t.fit(loader, null, 0));
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder(s.model(), s.optimizer()).clipGradNorm(-1));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DiagnosticsLogger(0));
    }
}
