package org.inertia.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.concurrent.Callable;
import org.inertia.examples.bench.Bench;
import org.inertia.examples.bench.BenchResult;
import org.inertia.examples.bench.Workload;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code inertia bench}: training throughput of a fixed workload, as one JSON line. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures training throughput on MNIST for a fixed workload and prints one JSON line "
            + "(workload, samples_per_second, step_ms_median, ...).",
            "Workloads: ${bundle:generated.workloads}; train (the train command's own job timed whole: data, "
            + "steps, the test evaluation, checkpoint and charts after each epoch, the weights; --model and "
            + "--epochs, not --steps and --warmup)."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workload", required = true, paramLabel = "NAME", description = "mlp, lenet5, convnet or train.")
    String workload;

    @Option(names = "--steps", defaultValue = "200", paramLabel = "N", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "30", paramLabel = "W", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--model", paramLabel = "NAME",
            description = "With --workload train: the model to train (default: train's own).")
    String model;

    @Option(names = "--epochs", paramLabel = "N", description = "With --workload train: epochs (default: 1).")
    Integer epochs;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for weights and data order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (TRAIN.equalsIgnoreCase(Choices.unquote(workload))) {
            return trainPath();
        }
        if (model != null || epochs != null) {
            throw new IllegalArgumentException("--model and --epochs apply to --workload train only; the step "
                    + "workloads have fixed models and take --steps and --warmup");
        }
        Workload w = parseWorkload();
        if (steps < 1 || steps > 1_000_000) {
            throw new IllegalArgumentException("--steps must be in [1, 1000000], got " + steps);
        }
        if (warmup < 0 || warmup > 1_000_000) {
            throw new IllegalArgumentException("--warmup must be in [0, 1000000], got " + warmup);
        }
        BenchResult r = Bench.run(w, steps, warmup, seed);
        spec.commandLine().getOut().println(json().writeValueAsString(r));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static final String TRAIN = "train";

    private Workload parseWorkload() {
        try {
            return Choices.parse("--workload", workload, Workload.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value for --workload: '" + workload + "' (allowed: "
                    + Choices.names(Workload.class) + ", " + TRAIN + ")", e);
        }
    }

    private static ObjectMapper json() {
        return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    private Integer trainPath() throws Exception {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (parsed.hasMatchedOption("--steps") || parsed.hasMatchedOption("--warmup")) {
            throw new IllegalArgumentException("--workload train runs whole epochs: give --epochs, not --steps or --warmup");
        }
        int n = epochs == null ? 1 : epochs;
        if (n < 1 || n > 1000) {
            throw new IllegalArgumentException("--epochs must be in [1, 1000], got " + n);
        }
        TrainPathBench.Result r = TrainPathBench.run(model, n, parsed.hasMatchedOption("--seed") ? seed : null,
                spec.commandLine().getErr());
        spec.commandLine().getOut().println(json().writeValueAsString(r));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
