package org.inertia.examples;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.inertia.examples.cli.InertiaCommand;
import picocli.CommandLine;

/** Runs the {@code inertia} command in-process, exactly as {@code Main} does, capturing its output. */
public final class CliRunner {
    public record Result(int exitCode, String out, String err) {
    }

    private CliRunner() {
    }

    public static Result run(String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = InertiaCommand.create();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
