package org.inertia.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.inertia.examples.studio.StudioServer;
import org.inertia.examples.studio.TraceService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inertia studio}: a local, read-only web app over the run directories (live training curves), with
 * the trace command's paths in a playground and momentum's theory beside a real run.
 */
@Command(name = "studio", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves a web page over the runs under --runs (config, summary, per-step and per-layer metrics "
            + "as they grow, confusion matrices), a playground that runs the trace command's optimizers, and momentum's "
            + "theory beside a real run; read-only. Stop it with Ctrl-C."})
public final class StudioCommand implements Callable<Integer> {
    /** The loopback address: the studio is for this machine unless --host says otherwise. */
    static final String LOOPBACK = "127.0.0.1";

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "runs", paramLabel = "DIR",
            description = "The directory holding the run directories (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--port", defaultValue = "8765", paramLabel = "N",
            description = "The port to listen on (0: any free one; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = LOOPBACK, paramLabel = "ADDR",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be in [0, 65535], got " + port);
        }
        if (!LOOPBACK.equals(host)) {
            spec.commandLine().getErr().println("warning: --host " + host + ": the studio is reachable from other "
                    + "machines; it serves every run under " + runs.toAbsolutePath());
        }
        try (StudioServer server = new StudioServer(runs, host, port, StudioAccess.trace())) {
            spec.commandLine().getOut().println("studio: http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                    + server.port() + "/ (runs in " + runs.toAbsolutePath() + "; Ctrl-C stops it)");
            spec.commandLine().getOut().flush();
            new CountDownLatch(1).await();          // until the process is stopped
        }
        return 0;
    }

    /** Runs {@code trace} with {@code args} in this process: its CSV, or its error message. */
    static TraceService.Answer trace(List<String> args) {
        CommandLine cli = InertiaCommand.create();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("trace"));
        all.addAll(args);
        int code = cli.execute(all.toArray(String[]::new));
        return code == 0 ? new TraceService.Answer(true, out.toString())
                : new TraceService.Answer(false, err.toString().strip());
    }
}
