package org.inertia.examples.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.inertia.nn.train.SignalStop;
import org.inertia.nn.train.StopRequest;
import org.inertia.nn.train.TrainingStopped;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inertia train}: trains one model with one optimizer and writes a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a bundled model and writes runs/NAME/ (metrics.csv, summary.json, checkpoints, "
            + "model.safetensors, loss.png, accuracy.png)."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TrainOptions options;

    @Option(names = "--optimizer", defaultValue = "nesterov", paramLabel = "NAME",
            description = "sgd, momentum, nesterov, rmsprop, adam or adamw (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Mixin
    OptimizerFlags flags;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/MODEL-DATASET-OPTIMIZER-TIME).")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint, up to --epochs.")
    boolean resume;

    @Option(names = "--overwrite", description = "Replace an existing run directory.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        options.validate();
        OptimizerKind kind = Choices.parse("--optimizer", optimizer, OptimizerKind.class);
        flags.checkApplicable(List.of(kind));
        options.schedules.checkApplicable(List.of(kind));
        if (resume && overwrite) {
            throw new IllegalArgumentException("--resume and --overwrite contradict each other; give one");
        }
        if (resume && out == null) {
            throw new IllegalArgumentException("--resume needs --out DIR, the run directory to continue");
        }
        Path dir = out != null ? out : Path.of("runs", Choices.cliName(options.modelKind()) + "-"
                + Choices.cliName(options.datasetKind()) + "-" + Choices.cliName(kind) + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (resume && TrainingRun.isComplete(dir, options.epochs)) {     // reads only: a retry loop's last call
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: the run is complete (%d epochs); nothing to do%n", dir,
                    options.epochs);
            spec.commandLine().getOut().flush();
            return ExitCode.OK.code();
        }
        StopRequest stop = new StopRequest();
        TrainingRun.Outcome o;
        try (RunLock lock = RunLock.acquire(dir); SignalStop signals = signalStop(stop)) {
            o = TrainingRun.run(options, kind, flags, dir, resume, overwrite, stop);
        } catch (TrainingStopped e) {
            throw new TrainingStopped(e, "; the checkpoint at that step is in " + dir.resolve("checkpoints")
                    + "; continue with the same command and --resume --out " + dir);
        }
        int epochs = (int) o.summary().get("epochs");
        spec.commandLine().getOut().printf(Locale.ROOT, "test accuracy: %.2f%% (test loss %.4f) after %d epoch%s; run in %s%n",
                100 * (double) o.summary().get("test_accuracy"), (double) o.summary().get("test_loss"), epochs,
                epochs == 1 ? "" : "s", dir);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** SIGTERM and SIGINT stop training at the next step, checkpointed; without the JDK's signal API, a warning. */
    private SignalStop signalStop(StopRequest stop) {
        try {
            return SignalStop.install(stop);
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("warning: " + e.getMessage());
            return null;
        }
    }
}
