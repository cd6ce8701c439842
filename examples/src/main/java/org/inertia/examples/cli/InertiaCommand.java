package org.inertia.examples.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.inertia.nn.train.TrainingDivergedException;
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
        subcommands = {TrainCommand.class, CompareCommand.class, TraceCommand.class, BenchCommand.class,
            EvaluateCommand.class, PredictCommand.class, LoopCommand.class, InfoCommand.class, DownloadCommand.class,
            CommandLine.HelpCommand.class})
public final class InertiaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return spec.commandLine().getSubcommands().get("train").execute();
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
            if (e instanceof TrainingDivergedException) {
                commandLine.getErr().println("error: " + message);
                return 3;
            }
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    || e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
                commandLine.getErr().println("error: " + message);
                return 2;
            }
            throw e;
        });
        return cli;
    }
}
