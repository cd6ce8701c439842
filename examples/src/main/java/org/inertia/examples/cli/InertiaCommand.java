package org.inertia.examples.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.inertia.nn.data.DownloadFailedException;
import org.inertia.nn.io.IoErrors;
import org.inertia.nn.train.TrainingDivergedException;
import org.inertia.nn.train.TrainingStopped;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code inertia} command. With no subcommand it trains the default example: LeNet-5 on the
 * bundled MNIST with Nesterov momentum ({@code train} with its defaults).
 */
@Command(name = "inertia", mixinStandardHelpOptions = true, version = "Inertia 0.1.0",
        resourceBundle = "org.inertia.examples.cli.GeneratedHelp",
        description = {"Train and compare small networks with Inertia.",
            "Without a command: train LeNet-5 on the bundled MNIST with Nesterov momentum (= inertia train)."},
        subcommands = {TrainCommand.class, CompareCommand.class, TraceCommand.class, BenchCommand.class, StudioCommand.class,
            EvaluateCommand.class, PredictCommand.class, LoopCommand.class, InfoCommand.class, DownloadCommand.class,
            CommandLine.HelpCommand.class})
public final class InertiaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return spec.commandLine().getSubcommands().get("train").execute();
    }

    /** The exit code an exception ends the command with; null for a bug (picocli prints its stack trace). */
    static ExitCode exitCodeFor(Exception e) {
        if (e instanceof TrainingStopped stopped) {
            return "SIGINT".equals(stopped.reason()) ? ExitCode.SIGINT : ExitCode.SIGTERM;
        }
        if (e instanceof TrainingDivergedException) {
            return ExitCode.DIVERGED;
        }
        if (e instanceof RunLock.Held) {
            return ExitCode.LOCKED;
        }
        if (e instanceof DownloadFailedException) {
            return ExitCode.NETWORK;
        }
        if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
            return ExitCode.IO;
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return ExitCode.USAGE;
        }
        return null;
    }

    /** A command line that reports bad input as one clear line on stderr and a non-zero exit code. */
    public static CommandLine create() {
        CommandLine cli = new CommandLine(new InertiaCommand());
        for (String command : List.of("train", "compare")) {
            OptimizerDefaultsSection.addTo(cli.getSubcommands().get(command), "Optimizer defaults (--lr tuned for the "
                    + "bundled examples):", OptimizerKind::exampleDefaults);
        }
        OptimizerDefaultsSection.addTo(cli.getSubcommands().get("trace"), "Optimizer defaults (the library's own):", OptimizerKind::libraryDefaults);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = e.getMessage() != null ? e.getMessage() : e.toString();
            ExitCode code = exitCodeFor(e);
            if (code == null) {
                throw e;
            }
            if (e instanceof java.io.IOException io && !(e instanceof DownloadFailedException)
                    && IoErrors.cause(io) != IoErrors.Cause.OTHER && !message.contains(IoErrors.cause(io).words())) {
                message = message + ": " + IoErrors.describe(io);
            }
            commandLine.getErr().println((e instanceof TrainingStopped ? "" : "error: ") + message);
            return code.code();
        });
        for (CommandLine c : List.of(cli, cli.getSubcommands().get("train"))) {
            c.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpList());
        }
        return cli;
    }
}
