package org.inertia.examples.cli;

import java.util.concurrent.Callable;
import org.inertia.examples.XorDemo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code inertia} command: with no subcommand it runs the default example. */
@Command(name = "inertia", mixinStandardHelpOptions = true, version = "Inertia 0.1.0",
        description = "Train and compare small networks with Inertia.",
        subcommands = {TraceCommand.class, CommandLine.HelpCommand.class})
public final class InertiaCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        XorDemo.run();
        return 0;
    }

    /** A command line that reports bad input as one clear line on stderr and a non-zero exit code. */
    public static CommandLine create() {
        CommandLine cli = new CommandLine(new InertiaCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }
}
