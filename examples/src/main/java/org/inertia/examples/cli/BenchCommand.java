package org.inertia.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.concurrent.Callable;
import org.inertia.examples.bench.Bench;
import org.inertia.examples.bench.BenchResult;
import org.inertia.examples.bench.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inertia bench}: training throughput of a fixed workload, as one JSON line. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures training throughput on MNIST for a fixed workload and prints one JSON line "
            + "(workload, samples_per_second, step_ms_median, ...).",
            "Workloads: ${bundle:generated.workloads}."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workload", required = true, paramLabel = "NAME", description = "mlp, lenet5 or convnet.")
    String workload;

    @Option(names = "--steps", defaultValue = "200", paramLabel = "N", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "30", paramLabel = "W", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for weights and data order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        Workload w = Choices.parse("--workload", workload, Workload.class);
        if (steps < 1 || steps > 1_000_000) {
            throw new IllegalArgumentException("--steps must be in [1, 1000000], got " + steps);
        }
        if (warmup < 0 || warmup > 1_000_000) {
            throw new IllegalArgumentException("--warmup must be in [0, 1000000], got " + warmup);
        }
        BenchResult r = Bench.run(w, steps, warmup, seed);
        ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        spec.commandLine().getOut().println(json.writeValueAsString(r));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
