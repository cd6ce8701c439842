package org.inertia.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.inertia.examples.charts.TrainingCharts;
import org.inertia.nn.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inertia compare}: the same model, from the same initial weights and with the same data
 * order, trained once per optimizer; a table and one chart overlaying their curves.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains the same model from the same initial weights and data order with each optimizer and "
            + "writes DIR/compare.md, compare.csv and compare.png, plus each optimizer's run in DIR/NAME/."})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TrainOptions options;

    @Option(names = "--optimizers", split = ",", paramLabel = "NAME", defaultValue = "momentum,nesterov,rmsprop,adam,adamw,sgd",
            description = "Comma list of optimizers (default: ${DEFAULT-VALUE}).")
    List<String> optimizers;

    @Mixin
    OptimizerFlags flags;

    @Option(names = "--target-accuracy", defaultValue = "0.98", paramLabel = "A",
            description = "Report the first epoch reaching this test accuracy (default: ${DEFAULT-VALUE}).")
    double target;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/compare-MODEL-DATASET-TIME).")
    Path out;

    @Option(names = "--overwrite", description = "Replace an existing output directory.")
    boolean overwrite;

    /** One optimizer's result. */
    record Row(String optimizer, double finalAccuracy, double bestAccuracy, double finalLoss, double seconds,
               Integer epochsToTarget) {
    }

    @Override
    public Integer call() throws Exception {
        options.validate();
        List<OptimizerKind> kinds = OptimizerFlags.parseKinds("--optimizers", optimizers);
        flags.checkApplicable(kinds);
        options.schedules.checkApplicable(kinds);
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("--target-accuracy must be in (0, 1], got " + target);
        }
        for (OptimizerKind kind : kinds) {      // every optimizer's flags, before anything is written
            flags.exampleOptions(kind);
        }
        Path dir = out != null ? out : Path.of("runs", "compare-" + Choices.cliName(options.modelKind()) + "-"
                + Choices.cliName(options.datasetKind()) + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("compare", kinds.stream().map(Choices::cliName).toList());
        config.put("model", Choices.cliName(options.modelKind()));
        config.put("dataset", Choices.cliName(options.datasetKind()));
        TrainingRun.prepare(dir, config, false, overwrite);

        List<Row> rows = new ArrayList<>();
        Map<String, List<TrainingCharts.Curve>> panels = new LinkedHashMap<>();
        List<TrainingCharts.Curve> accuracy = new ArrayList<>();
        List<TrainingCharts.Curve> loss = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (OptimizerKind kind : kinds) {
            String name = Choices.cliName(kind);
            spec.commandLine().getErr().println("== " + name);
            TrainingRun.Outcome o = TrainingRun.run(options, kind, flags, dir.resolve(name), false, false);
            labels.add(HyperparameterLabel.of(name, flags.exampleOptions(kind), options.schedules));
            List<String[]> metrics = TrainingRun.metrics(o.dir());
            accuracy.add(new TrainingCharts.Curve(name, TrainingRun.column(metrics, 5)));
            loss.add(new TrainingCharts.Curve(name, TrainingRun.column(metrics, 2)));
            Integer reached = null;
            for (String[] m : metrics) {
                if (Double.parseDouble(m[5]) >= target) {
                    reached = Integer.parseInt(m[0]);
                    break;
                }
            }
            rows.add(new Row(name, (double) o.summary().get("test_accuracy"), (double) o.summary().get("best_test_accuracy"),
                    (double) o.summary().get("test_loss"), (double) o.summary().get("train_seconds"), reached));
        }
        panels.put("test accuracy", accuracy);
        panels.put("train loss", loss);
        TrainingCharts.writeStacked(dir.resolve("compare.png"), Choices.cliName(options.modelKind()) + " on "
                + Choices.cliName(options.datasetKind()) + ", " + options.epochs + " epochs, same initial weights",
                String.join(" · ", labels), panels);
        writeTables(dir, rows);
        spec.commandLine().getOut().print(markdown(rows));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private String markdown(List<Row> rows) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "| optimizer | final test accuracy | best test accuracy | final test loss | "
                + "train time (s) | epochs to %.1f%% |%n", 100 * target));
        s.append("|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "| %s | %.2f%% | %.2f%% | %.4f | %.1f | %s |%n", r.optimizer(),
                    100 * r.finalAccuracy(), 100 * r.bestAccuracy(), r.finalLoss(), r.seconds(),
                    r.epochsToTarget() == null ? "not reached" : r.epochsToTarget().toString()));
        }
        return s.toString();
    }

    private void writeTables(Path dir, List<Row> rows) throws IOException {
        String md = "# " + Choices.cliName(options.modelKind()) + " on " + Choices.cliName(options.datasetKind()) + ": "
                + options.epochs + " epochs, batch " + options.batchSize + ", seed " + options.seed + "\n\n" + markdown(rows);
        AtomicFiles.write(dir.resolve("compare.md"), o -> o.write(md.getBytes(StandardCharsets.UTF_8)));
        StringBuilder csv = new StringBuilder("optimizer,final_test_accuracy,best_test_accuracy,final_test_loss,"
                + "train_seconds,epochs_to_target\n");
        for (Row r : rows) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%.3f,%s%n", r.optimizer(), r.finalAccuracy(),
                    r.bestAccuracy(), r.finalLoss(), r.seconds(), r.epochsToTarget() == null ? "" : r.epochsToTarget()));
        }
        AtomicFiles.write(dir.resolve("compare.csv"), o -> o.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
