package org.inertia.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.inertia.core.Rng;
import org.inertia.nn.Sequential;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.data.ImageDataset;
import org.inertia.nn.io.Checkpoint;
import org.inertia.nn.layers.Flatten;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.ReLU;
import org.inertia.optim.Momentum;
import org.inertia.optim.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a run leaves for the studio: per-parameter diagnostics (layers.csv) and confusion matrices. */
class RunFilesTest {
    private static final int BATCHES = 10;            // 160 examples, batch 16

    @TempDir
    Path dir;

    private static Sequential model(long seed) {
        return new Sequential(new Flatten(), new Linear(Linear.options(16, 12).rng(new Rng(seed))), new ReLU(),
            new Linear(Linear.options(12, 3).rng(new Rng(seed + 2))));
    }

    private static Trainer trainer(Sequential model, Optimizer optimizer, Callback... callbacks) {
        return Trainer.builder(model, optimizer).callbacks(callbacks).build();
    }

    private static DataLoader train() {
        return new DataLoader(TrainerTest.synthetic(160, 1), 16, true, 5);
    }

    private static DataLoader test() {
        return new DataLoader(TrainerTest.synthetic(45, 2), 20, false, 0);
    }

    @Test
    void layerMetricsHaveEachParametersNumbersEveryNStepsBesideTheEpochDiagnostics() throws IOException {
        Sequential model = model(3);
        Optimizer optimizer = new Momentum(model.parameters(), Momentum.options().lr(0.05).momentum(0.9));
        Path file = dir.resolve("layers.csv");
        List<EpochResult> history = trainer(model, optimizer, new LayerMetricsCsv(file, 3), new DiagnosticsLogger(7))
            .fit(train(), null, 2);
        List<String> lines = Files.readAllLines(file);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        assertEquals("step", header.get(0));
        assertEquals(1 + model.namedParameters().size() * LayerMetricsCsv.METRICS.size(), header.size());
        assertEquals("1.weight/param_norm", header.get(1));
        assertTrue(header.contains("3.bias/cos_grad_velocity"), header.toString());
        assertEquals(2 * BATCHES / 3, lines.size() - 1, "rows at steps 3, 6, ..., 18");
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            assertEquals(header.size(), cells.length);
            assertEquals(3L * i, Long.parseLong(cells[0]));
            for (int p = 0; p < model.namedParameters().size(); p++) {
                double ratio = Double.parseDouble(cells[1 + p * 6 + 4]);
                double param = Double.parseDouble(cells[1 + p * 6]);
                double update = Double.parseDouble(cells[1 + p * 6 + 2]);
                assertEquals(Math.log10(update / param), ratio, 1e-12);
                double cos = Double.parseDouble(cells[1 + p * 6 + 5]);
                assertTrue(cos >= -1 && cos <= 1, "cos(g, v) " + cos);
            }
        }
        assertFalse(Double.isNaN(history.get(0).gradientNorm()), "the epoch diagnostics still measured");
        assertFalse(optimizer.diagnosticsOn(), "diagnostics off again after the fit");
    }

    @Test
    void aCallersOwnDiagnosticsSettingIsKept() {
        Sequential model = model(4);
        Optimizer optimizer = new Momentum(model.parameters(), Momentum.options().lr(0.05));
        optimizer.setDiagnostics(true);
        List<Integer> measured = new ArrayList<>();
        trainer(model, optimizer, new Callback() {
            @Override
            public void onBatchEnd(TrainingState state, double loss, long correct, long size) {
                measured.add(state.optimizer().parameterDiagnostics().size());
            }
        }).fit(train(), null, 1);
        assertEquals(BATCHES, measured.size());
        assertTrue(measured.stream().allMatch(n -> n == 4), "every step measured: " + measured);
        assertTrue(optimizer.diagnosticsOn());
    }

    @Test
    void confusionMatricesOneBlockPerEpochAcrossAResume() throws IOException {
        Path file = dir.resolve("confusion.csv");
        Path checkpoints = dir.resolve("checkpoints");
        Sequential model = model(5);
        Optimizer optimizer = new Momentum(model.parameters(), Momentum.options().lr(0.05).momentum(0.9));
        trainer(model, optimizer, new ConfusionMatrixCsv(file), new Checkpointer(checkpoints)).fit(train(), test(), 1);
        // A row of an epoch 2 the checkpoint never saw: the resumed run replaces it.
        Files.writeString(file, "2,0,99,99,99\n", java.nio.file.StandardOpenOption.APPEND);
        Checkpoint from = Checkpoint.load(checkpoints.resolve(Checkpointer.LAST));
        Sequential again = model(6);
        Optimizer next = new Momentum(again.parameters(), Momentum.options().lr(0.05).momentum(0.9));
        List<EpochResult> history = trainer(again, next, new ConfusionMatrixCsv(file)).fit(train(), test(), 2, from);
        List<String> lines = Files.readAllLines(file);
        assertEquals("epoch,actual,predicted_0,predicted_1,predicted_2", lines.get(0));
        assertEquals(1 + 2 * 3, lines.size(), "3 classes × 2 epochs: " + lines);
        long total = 0;
        long diagonal = 0;
        for (String line : lines.subList(4, 7)) {
            long[] cells = Arrays.stream(line.split(",")).mapToLong(Long::parseLong).toArray();
            assertEquals(2, cells[0]);
            total += cells[2] + cells[3] + cells[4];
            diagonal += cells[2 + (int) cells[1]];
        }
        assertEquals(45, total, "every test example counted once");
        assertEquals(history.get(0).testAccuracy(), diagonal / 45.0, 1e-12, "the diagonal is the accuracy");
    }

    @Test
    void badArgumentsAndForeignFilesAreRefusedOrIgnored() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> new LayerMetricsCsv(dir.resolve("x.csv"), 0));
        Path file = dir.resolve("layers.csv");
        Files.writeString(file, "step,other.weight/grad_norm\n1,0.5\n");   // another model's file
        Sequential model = model(7);
        Optimizer optimizer = new Momentum(model.parameters(), Momentum.options().lr(0.05));
        trainer(model, optimizer, new LayerMetricsCsv(file, 5)).fit(train(), null, 1);
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).startsWith("step,1.weight/"), lines.get(0));
        assertEquals(3, lines.size(), "its own rows only (steps 5, 10)");
        assertEquals("", AppendedCsv.cell(Double.NaN), "no value is an empty cell, which every reader parses");
    }
}
