package org.inertia.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.inertia.examples.charts.Palette;
import org.inertia.examples.charts.TrainingCharts;
import org.inertia.examples.data.DatasetKind;
import org.inertia.examples.models.ModelKind;
import org.inertia.nn.Init;
import org.inertia.nn.Sequential;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.data.ImageDataset;
import org.inertia.nn.data.Split;
import org.inertia.nn.io.AtomicFiles;
import org.inertia.nn.io.Checkpoint;
import org.inertia.nn.io.SafeTensors;
import org.inertia.nn.loss.CrossEntropyLoss;
import org.inertia.nn.train.Callback;
import org.inertia.nn.train.Checkpointer;
import org.inertia.nn.train.DiagnosticsLogger;
import org.inertia.nn.train.EpochResult;
import org.inertia.nn.train.MetricsCsv;
import org.inertia.nn.train.PartialEpoch;
import org.inertia.nn.train.ProgressBarCallback;
import org.inertia.nn.train.ConfusionMatrixCsv;
import org.inertia.nn.train.LayerMetricsCsv;
import org.inertia.nn.train.StepMetricsCsv;
import org.inertia.nn.train.StopRequest;
import org.inertia.nn.train.Trainer;
import org.inertia.nn.train.TrainingState;
import org.inertia.optim.Optimizer;
import org.inertia.optim.schedule.Scheduler;

/**
 * One training run into a run directory, as {@code train} and {@code compare} do it:
 *
 * <pre>
 *   DIR/config.json            what was asked for (checked again on --resume)
 *   DIR/metrics.csv            one row per epoch
 *   DIR/checkpoints/last.ckpt  and best.ckpt
 *   DIR/model.safetensors      the final weights (PyTorch names), with model and dataset in the metadata
 *   DIR/loss.png, accuracy.png training curves
 *   DIR/summary.json           the outcome
 * </pre>
 */
final class TrainingRun {
    /**
     * Rows per evaluation batch: enough to spread per-op costs, few enough that evaluating the convnet
     * needs no more memory than training it (docs/performance.md, "The whole job").
     */
    private static final int TEST_BATCH = 200;
    /** The per-step metrics file in a run directory (what the studio draws). */
    static final String STEPS_FILE = "steps.csv";
    /** The per-parameter diagnostics file, written every --diagnostics-every steps. */
    static final String LAYERS_FILE = "layers.csv";
    /** The test set's confusion matrix after each epoch. */
    static final String CONFUSION_FILE = "confusion.csv";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a run produced. */
    record Outcome(Path dir, List<EpochResult> epochs, Map<String, Object> summary) {
    }

    private TrainingRun() {
    }

    /** Prepares {@code dir} (refusing to overwrite) and returns the checkpoint to resume from, or null. */
    static Checkpoint prepare(Path dir, Map<String, Object> config, boolean resume, boolean overwrite) throws IOException {
        boolean exists = Files.isDirectory(dir) && !isEmpty(dir);
        if (resume) {
            Path last = dir.resolve("checkpoints").resolve(Checkpointer.LAST);
            if (!Files.isRegularFile(last)) {
                throw new IllegalArgumentException("--resume: there is no " + dir.relativize(last) + " in " + dir
                        + " to continue from");
            }
            checkSameRun(dir, config);
            Checkpoint from = Checkpoint.load(last);
            // A run killed mid-write leaves the writer's temporary file; the complete file beside it is intact.
            AtomicFiles.removeLeftovers(dir.resolve("checkpoints"));
            AtomicFiles.removeLeftovers(dir);
            return from;
        }
        if (exists) {
            if (!overwrite) {
                throw new IllegalArgumentException(dir + " already exists; pass --resume to continue that run or "
                        + "--overwrite to replace it (or choose another --out)");
            }
            if (!Files.isRegularFile(dir.resolve("config.json")) && !Files.isRegularFile(dir.resolve("metrics.csv"))) {
                throw new IllegalArgumentException("--overwrite: " + dir + " does not look like an Inertia run directory "
                        + "(no config.json or metrics.csv); refusing to delete it");
            }
            deleteContents(dir);
        }
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve("config.json"), out -> JSON.writeValue(out, config));
        return null;
    }

    private static void checkSameRun(Path dir, Map<String, Object> config) throws IOException {
        Path file = dir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--resume: " + dir + " has no config.json");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> saved = JSON.readValue(file.toFile(), Map.class);
        List<String> differences = new ArrayList<>();
        for (String key : List.of("model", "dataset", "optimizer", "batch_size", "seed", "train_limit")) {
            Object a = saved.get(key);
            Object b = config.get(key);
            if (!String.valueOf(a).equals(String.valueOf(b))) {
                differences.add(key + " was " + a + ", now " + b);
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("--resume: the run in " + dir + " used different settings: "
                    + String.join("; ", differences));
        }
    }

    /** Trains as {@code t} says with optimizer {@code kind} into {@code dir}. */
    static Outcome run(TrainOptions t, OptimizerKind kind, OptimizerFlags flags, Path dir, boolean resume,
                       boolean overwrite) throws IOException {
        return run(t, kind, flags, dir, resume, overwrite, null);
    }

    /** As above; {@code stop} (may be null) stops training at the next step, checkpointed ({@link StopRequest}). */
    static Outcome run(TrainOptions t, OptimizerKind kind, OptimizerFlags flags, Path dir, boolean resume,
                       boolean overwrite, StopRequest stop) throws IOException {
        ModelKind modelKind = t.modelKind();
        DatasetKind datasetKind = t.datasetKind();
        ImageDataset train = limit(datasetKind.load(Split.TRAIN, t.dataDir, t.download, !t.noAugment), t.trainLimit);
        ImageDataset test = limit(datasetKind.load(Split.TEST, t.dataDir, t.download, false), t.testLimit);

        Init.manualSeed(t.seed);
        Sequential model = modelKind.build(true);
        Optimizer optimizer = flags.buildForExamples(kind, model.parameters());
        DataLoader trainLoader = new DataLoader(train, t.batchSize, true, t.seed, false, 2);
        DataLoader testLoader = new DataLoader(test, TEST_BATCH, false, 0, false, 2);
        Scheduler scheduler = scheduler(t, optimizer, (long) t.epochs * trainLoader.batchesPerEpoch());

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", Choices.cliName(modelKind));
        config.put("dataset", Choices.cliName(datasetKind));
        config.put("optimizer", Choices.cliName(kind));
        config.put("hyperparameters", optimizer.stateDict().groups().get(0).hyperparameters());
        config.put("epochs", t.epochs);
        config.put("batch_size", t.batchSize);
        config.put("seed", t.seed);
        config.put("lr_schedule", t.schedules.lrSchedule);
        config.put("momentum_schedule", t.schedules.momentumSchedule);
        config.put("restart_every", t.schedules.restartEvery);
        config.put("clip_grad_norm", t.clipGradNorm);
        config.put("label_smoothing", t.labelSmoothing);
        config.put("train_limit", t.trainLimit);
        config.put("test_limit", t.testLimit);
        config.put("augment", datasetKind == DatasetKind.CIFAR10 && !t.noAugment);
        Checkpoint from = prepare(dir, config, resume, overwrite);

        List<Callback> callbacks = new ArrayList<>();
        if (!t.noProgress && System.console() != null) {
            callbacks.add(new ProgressBarCallback());     // a bar needs a terminal; logs carry the same numbers
        }
        callbacks.add(new MetricsCsv(dir.resolve("metrics.csv")));
        callbacks.add(new ConfusionMatrixCsv(dir.resolve(CONFUSION_FILE)));
        StepMetricsCsv steps = t.logEvery > 0 ? new StepMetricsCsv(dir.resolve(STEPS_FILE), t.logEvery) : null;
        if (steps != null) {
            callbacks.add(steps);
        }
        // In the steps the diagnostics are measured anyway: the file costs a row, not another measurement.
        LayerMetricsCsv layers = new LayerMetricsCsv(dir.resolve(LAYERS_FILE), t.diagnosticsEvery);
        callbacks.add(layers);
        Checkpointer checkpointer = new Checkpointer(dir.resolve("checkpoints"));
        callbacks.add(from == null ? checkpointer : checkpointer.resumingFrom(from));
        callbacks.add(new DiagnosticsLogger(t.diagnosticsEvery));
        String what = Choices.cliName(modelKind) + " on " + Choices.cliName(datasetKind);
        String label = HyperparameterLabel.of(Choices.cliName(kind), optimizer.paramGroups().get(0).options(),
                t.schedules);
        callbacks.add(new Callback() {
            @Override
            public void onEpochEnd(TrainingState state, EpochResult result) {
                writeCharts(dir, what, Choices.cliName(kind), label);
            }
        });
        Trainer.Builder builder = Trainer.builder(model, optimizer)
                .loss(new CrossEntropyLoss(org.inertia.core.ops.Reduction.MEAN, t.labelSmoothing))
                .scheduler(scheduler, Trainer.ScheduleInterval.ITERATION)
                .clipGradNorm(t.clipGradNorm)
                .callbacks(callbacks.toArray(Callback[]::new));
        if (stop != null) {
            builder.stopRequest(stop);
        }
        List<EpochResult> epochs;
        if (from != null && from.epoch() >= t.epochs && PartialEpoch.fromExtra(from.extra()).batches() == 0) {
            // Trained to the end but stopped before writing the results: write them from the checkpoint.
            from.restore(model, optimizer, scheduler);
            epochs = List.of();
        } else {
            try {
                epochs = builder.build().fit(trainLoader, testLoader, t.epochs, from);
            } finally {
                if (steps != null) {
                    steps.close();          // also when training ends by an exception
                }
                layers.close();
            }
        }

        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", Choices.cliName(modelKind));
        meta.put("dataset", Choices.cliName(datasetKind));
        meta.put("framework", "Inertia");
        SafeTensors.write(dir.resolve("model.safetensors"), model.stateDict(), meta);
        Map<String, Object> summary = summary(config, model, trainLoader.examplesPerEpoch(), dir);
        AtomicFiles.write(dir.resolve("summary.json"), out -> JSON.writeValue(out, summary));
        return new Outcome(dir, epochs, summary);
    }

    private static ImageDataset limit(ImageDataset d, Integer n) {
        return n == null || n >= d.size() ? d : d.slice(0, n);
    }

    static Scheduler scheduler(TrainOptions t, Optimizer optimizer, long totalSteps) {
        long stepsPerEpoch = Math.max(1, totalSteps / t.epochs);
        return t.schedules.scheduler(optimizer, totalSteps, t.lrStepEpochs * stepsPerEpoch);
    }

    /**
     * Loss and accuracy charts from metrics.csv (so they cover every epoch, across resumes), in the
     * optimizer's colour: train solid, test dashed; {@code label} (η, β) under the title.
     */
    static void writeCharts(Path dir, String what, String optimizer, String label) {
        try {
            List<String[]> rows = metrics(dir);
            java.awt.Color color = Palette.optimizer(optimizer);
            TrainingCharts.write(dir.resolve("loss.png"), "loss, " + what, label, "cross-entropy", List.of(
                    new TrainingCharts.Curve("train", column(rows, 2), color, false),
                    new TrainingCharts.Curve("test", column(rows, 4), color, true)));
            TrainingCharts.write(dir.resolve("accuracy.png"), "accuracy, " + what, label, "accuracy", List.of(
                    new TrainingCharts.Curve("train", column(rows, 3), color, false),
                    new TrainingCharts.Curve("test", column(rows, 5), color, true)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot draw the charts in " + dir, e);
        }
    }

    static List<String[]> metrics(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"), StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    static List<double[]> column(List<String[]> rows, int c) {
        List<double[]> out = new ArrayList<>();
        for (String[] r : rows) {
            out.add(new double[] {Double.parseDouble(r[0]), r[c].isEmpty() ? Double.NaN : Double.parseDouble(r[c])});
        }
        return out;
    }

    private static Map<String, Object> summary(Map<String, Object> config, Sequential model, long examplesPerEpoch,
                                               Path dir) throws IOException {
        List<String[]> rows = metrics(dir);
        String[] last = rows.get(rows.size() - 1);
        double seconds = rows.stream().mapToDouble(r -> Double.parseDouble(r[10])).sum();
        double best = rows.stream().mapToDouble(r -> Double.parseDouble(r[5])).max().orElse(Double.NaN);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("model", config.get("model"));
        s.put("dataset", config.get("dataset"));
        s.put("optimizer", config.get("optimizer"));
        s.put("hyperparameters", config.get("hyperparameters"));
        s.put("epochs", rows.size());
        s.put("test_accuracy", Double.parseDouble(last[5]));
        s.put("test_loss", Double.parseDouble(last[4]));
        s.put("best_test_accuracy", best);
        s.put("train_loss", Double.parseDouble(last[2]));
        s.put("train_seconds", seconds);
        s.put("samples_per_second", rows.size() * examplesPerEpoch / seconds);
        s.put("parameters", model.parameterCount());
        s.put("batch_size", config.get("batch_size"));
        s.put("seed", config.get("seed"));
        s.put("lr_schedule", config.get("lr_schedule"));
        s.put("momentum_schedule", config.get("momentum_schedule"));
        return s;
    }

    /** Whether {@code dir} holds nothing but (perhaps) this run's own lock file. */
    static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.allMatch(p -> p.getFileName().toString().equals(RunLock.FILE));
        }
    }

    /**
     * Whether the run in {@code dir} has trained {@code epochs} epochs and written its results: its last
     * checkpoint is at an epoch's end no earlier than that, and summary.json exists. Reads only.
     */
    static boolean isComplete(Path dir, int epochs) throws IOException {
        Path last = dir.resolve("checkpoints").resolve(Checkpointer.LAST);
        if (!Files.isRegularFile(last) || !Files.isRegularFile(dir.resolve("summary.json"))) {
            return false;
        }
        Checkpoint c = Checkpoint.load(last);
        return c.epoch() >= epochs && PartialEpoch.fromExtra(c.extra()).batches() == 0;
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir) && !p.equals(dir.resolve(RunLock.FILE))) {
                    Files.delete(p);
                }
            }
        }
    }
}
