package org.inertia.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.inertia.nn.data.Mnist;
import org.inertia.nn.data.Split;
import picocli.CommandLine;

/**
 * {@code bench --workload train}: the {@code train} command's own job, timed whole — loading the data,
 * building the model, every training step, the test evaluation, checkpoint, metrics and charts after
 * each epoch, the weights at the end — in a temporary run directory. The step workloads time the
 * training step alone; this one sees a regression anywhere on the path a user runs.
 */
final class TrainPathBench {
    /** What one run of the train path measured; {@code epochSeconds} is the training part of each epoch. */
    record Result(String workload, String model, int epochs, long trainSamples, double seconds,
                  double samplesPerSecond, List<Double> epochSeconds, double testAccuracy) {
    }

    private TrainPathBench() {
    }

    /**
     * Runs {@code inertia train --epochs EPOCHS [--model MODEL] [--seed SEED]} into a temporary directory
     * (null: train's own default).
     */
    static Result run(String model, int epochs, Long seed, PrintWriter err) throws IOException {
        Path scratch = Files.createTempDirectory("inertia-bench-train");
        try {
            Path out = scratch.resolve("run");
            CommandLine train = InertiaCommand.create();
            train.setOut(new PrintWriter(Writer.nullWriter()));
            train.setErr(err);
            long start = System.nanoTime();
            List<String> args = new ArrayList<>(List.of("train", "--epochs", String.valueOf(epochs), "--no-progress",
                    "--out", out.toString()));
            if (model != null) {
                args.addAll(List.of("--model", model));
            }
            if (seed != null) {
                args.addAll(List.of("--seed", String.valueOf(seed)));
            }
            int code = train.execute(args.toArray(String[]::new));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (code != 0) {
                throw new IllegalStateException("bench: the train path failed (exit code " + code + "); its error is above");
            }
            JsonNode summary = TrainingRun.JSON.readTree(out.resolve("summary.json").toFile());
            String header = Files.readAllLines(out.resolve("metrics.csv")).get(0);
            int secondsColumn = List.of(header.split(",")).indexOf("seconds");
            List<Double> epochSeconds = new ArrayList<>();
            for (String[] row : TrainingRun.metrics(out)) {
                epochSeconds.add(Double.parseDouble(row[secondsColumn]));
            }
            long samples = (long) epochs * Mnist.bundled(Split.TRAIN).size();     // train's default dataset
            return new Result("train", summary.get("model").asText(), epochs, samples, seconds, samples / seconds,
                    epochSeconds, summary.get("test_accuracy").asDouble());
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
