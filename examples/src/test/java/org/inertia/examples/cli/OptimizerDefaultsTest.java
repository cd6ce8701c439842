package org.inertia.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.inertia.core.Tensor;
import org.inertia.examples.CliRunner;
import org.inertia.examples.bench.Workload;
import org.inertia.optim.Hyperparameters;
import org.inertia.optim.trace.TestFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine.Option;

/** One source for every optimizer default: what the commands build is what their help prints. */
class OptimizerDefaultsTest {
    private static final List<Tensor> PARAMS = List.of(Tensor.zeros(1).requiresGrad(true));

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void everyHyperparameterHasAFlagOfTheSameName(OptimizerKind kind) {
        Set<String> flags = Arrays.stream(OptimizerFlags.class.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(Option.class))
                .flatMap(f -> Arrays.stream(f.getAnnotation(Option.class).names())).collect(Collectors.toSet());
        for (String component : kind.libraryDefaults().asMap().keySet()) {
            assertTrue(flags.contains(OptimizerDefaultsSection.flagName(component)),
                    kind + "'s " + component + " has no flag " + OptimizerDefaultsSection.flagName(component));
        }
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void withoutFlagsTheCommandsBuildTheDefaultsTheHelpPrints(OptimizerKind kind) {
        OptimizerFlags none = new OptimizerFlags();
        assertEquals(kind.exampleDefaults(), options(none.buildForExamples(kind, PARAMS)));
        assertEquals(kind.libraryDefaults(), options(none.build(kind, PARAMS)));
        assertEquals(kind.exampleLr(), kind.exampleDefaults().lr());
    }

    @Test
    void trainAndCompareHelpPrintTheExampleLearningRatesTraceTheLibrarys() {
        for (String command : List.of("train", "compare")) {
            String help = CliRunner.run(command, "--help").out();
            assertTrue(help.contains("  sgd       --lr 0.05, --weight-decay 0"), help);
            assertTrue(help.contains("  adamw     --lr 0.001, --beta1 0.9, --beta2 0.999, --eps 1e-8,"), help);
        }
        String trace = CliRunner.run("trace", "--help").out();
        assertTrue(trace.contains("  sgd       --lr 0.001, --weight-decay 0"), trace);
        assertTrue(trace.contains("  rmsprop   --lr 0.01, --alpha 0.99, --eps 1e-8, --weight-decay 0,"), trace);
        for (String help : List.of(trace, CliRunner.run("train", "--help").out())) {
            assertTrue(help.lines().allMatch(l -> l.length() <= 80), "help wider than 80 columns:\n" + help);
        }
    }

    @Test
    void traceStartsAndBenchWorkloadsInTheHelpComeFromTheirEnums() {
        String trace = CliRunner.run("trace", "--help").out().replaceAll("\\s+", "");
        assertTrue(trace.contains("rosenbrock-1.5,2;"), trace);
        for (TestFunction f : TestFunction.values()) {
            double[] s = f.start();
            assertTrue(trace.contains(f.cliName() + plain(s[0]) + "," + plain(s[1])), f + " " + trace);
        }
        String bench = CliRunner.run("bench", "--help").out().replaceAll("\\s+", " ");
        assertTrue(bench.contains("mlp (batch 128, Momentum lr 0.05 momentum 0.9)"), bench);
        for (Workload w : Workload.values()) {
            assertTrue(bench.contains(w.describe()), bench);
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static Hyperparameters options(org.inertia.optim.Optimizer optimizer) {
        return optimizer.paramGroups().get(0).options();
    }
}
