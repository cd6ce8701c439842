package org.inertia.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.inertia.core.DType;
import org.inertia.examples.charts.Palette;
import org.inertia.examples.charts.TracePlot;
import org.inertia.optim.Hyperparameters;
import org.inertia.optim.trace.Objective;
import org.inertia.optim.trace.TestFunction;
import org.inertia.optim.trace.Trace;
import org.inertia.optim.trace.TracePoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inertia trace}: one or more optimizers on a 2-D test function, as CSV (and a plot).
 */
@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = TraceCommand.Defaults.class,
        description = {"Runs optimizers on a 2-D test function and prints the trajectory as CSV "
            + "step,x,y,loss (with an optimizer column first when several are given).",
            "Example: trace --function rosenbrock --start -1.5,2 --optimizer momentum,nesterov,adam --lr 0.001 "
                + "--steps 300 --plot rosenbrock.png"})
public final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--function", required = true, paramLabel = "NAME",
            description = "rosenbrock, quadratic, beale or himmelblau.")
    String function;

    @Option(names = "--condition", paramLabel = "K", description = "quadratic only: its condition number κ, "
            + "f = 0.5 x² + 0.5 κ y² (default: ${bundle:generated.quadraticCondition}).")
    Double condition;

    @Option(names = "--start", paramLabel = "X,Y", description = "Start point (default: ${bundle:generated.traceStarts}).")
    String start;

    @Option(names = "--optimizer", required = true, split = ",", paramLabel = "NAME",
            description = "sgd, momentum, nesterov, rmsprop, adam or adamw; a comma list overlays several.")
    List<String> optimizers;

    @Option(names = "--steps", defaultValue = "100", paramLabel = "N", description = "Updates to run (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--dtype", defaultValue = "float64", paramLabel = "TYPE",
            description = "float64 (default) or float32.")
    String dtype;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also draw the trajectories over the contours.")
    Path plot;

    @Option(names = "--loss-plot", paramLabel = "FILE.png", description = "Also draw the loss against the step "
            + "(log scale).")
    Path lossPlot;

    @Mixin
    OptimizerFlags flags;

    @Mixin
    ScheduleFlags schedules;

    @Option(names = "--lr-step-every", defaultValue = "50", paramLabel = "N",
            description = "step schedule: multiply the lr by --lr-gamma every N updates (default: ${DEFAULT-VALUE}).")
    int lrStepEvery;

    @Option(names = "--sweep", paramLabel = "FLAG=V,V...", description = "Run each optimizer once per value of one "
            + "numeric optimizer flag, overlaid in shades of its colour, e.g. momentum=0.3,0.57,0.9.")
    String sweep;

    /** trace's defaults where they differ from the shared flags': a constant learning rate. */
    public static final class Defaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            return arg instanceof OptionSpec o && "--lr-schedule".equals(o.longestName()) ? "none" : null;
        }
    }

    @Override
    public Integer call() throws Exception {
        Objective f = objective(Choices.parse("--function", function, TestFunction.class), condition);
        double[] from = start == null ? f.start() : parsePoint(start);
        List<OptimizerKind> kinds = OptimizerFlags.parseKinds("--optimizer", optimizers);
        flags.checkApplicable(kinds);
        DType type = parseDtype(dtype);
        if (steps < 0 || steps > 10_000_000) {
            throw new IllegalArgumentException("--steps must be in [0, 10000000], got " + steps);
        }
        requirePng("--plot", plot);
        requirePng("--loss-plot", lossPlot);
        schedules.validate();
        schedules.checkApplicable(kinds);
        if (lrStepEvery < 1) {
            throw new IllegalArgumentException("--lr-step-every must be >= 1, got " + lrStepEvery);
        }

        Sweep swept = sweep == null ? null : Sweep.parse(sweep, kinds);

        List<TracePlot.Series> traces = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (OptimizerKind kind : kinds) {
            String name = Choices.cliName(kind);
            Hyperparameters options = flags.libraryOptions(kind);
            labels.add(swept == null ? HyperparameterLabel.of(name, options, schedules) : swept.label(name, options, schedules));
            int runs = swept == null ? 1 : swept.values().length;
            for (int r = 0; r < runs; r++) {
                Hyperparameters run = swept == null ? options : swept.apply(options, r);
                String label = swept == null ? name : name + " " + swept.symbol() + "=" + swept.text(r);
                traces.add(new TracePlot.Series(label, swept == null ? Palette.optimizer(name)
                        : Palette.shade(name, r, runs), Trace.run(f, from, type, steps, params -> kind.create(params, run),
                        optimizer -> schedules.scheduler(optimizer, steps, lrStepEvery))));
            }
        }

        PrintWriter out = spec.commandLine().getOut();
        boolean several = traces.size() > 1;
        out.println(several ? "optimizer,step,x,y,loss" : "step,x,y,loss");
        for (TracePlot.Series t : traces) {
            for (TracePoint p : t.points()) {
                out.println((several ? t.label() + "," : "") + p.step() + "," + p.x() + "," + p.y() + "," + p.loss());
            }
        }
        out.flush();
        String title = f.cliName() + " from (" + HyperparameterLabel.number(from[0]) + ", "
                + HyperparameterLabel.number(from[1]) + "), " + steps + " steps";
        if (plot != null) {
            TracePlot.write(plot, f, traces, title, String.join(" · ", labels));
        }
        if (lossPlot != null) {
            TracePlot.writeLoss(lossPlot, traces, "loss on " + title, String.join(" · ", labels));
        }
        return 0;
    }

    /** The function to trace: the named one, or for the quadratic one of the condition number asked for. */
    static Objective objective(TestFunction named, Double condition) {
        if (condition == null) {
            return named;
        }
        try {
            return named.withCondition(condition);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--condition: " + e.getMessage(), e);
        }
    }

    private static void requirePng(String option, Path file) {
        if (file != null && !file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException(option + " writes a PNG file; give a name ending in .png, got " + file);
        }
    }

    static double[] parsePoint(String raw) {
        String[] parts = Choices.unquote(raw).split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--start needs two numbers X,Y, got '" + raw + "'");
        }
        double[] p = new double[2];
        for (int i = 0; i < 2; i++) {
            try {
                p[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--start needs two numbers X,Y, got '" + raw + "'");
            }
            if (!Double.isFinite(p[i])) {
                throw new IllegalArgumentException("--start must be finite, got '" + raw + "'");
            }
        }
        return p;
    }

    /** The values {@code --dtype} takes (double and float are accepted as synonyms). */
    static final List<String> DTYPES = List.of("float64", "float32");

    static DType parseDtype(String raw) {
        return switch (Choices.unquote(raw).toLowerCase(java.util.Locale.ROOT)) {
            case "float64", "double" -> DType.FLOAT64;
            case "float32", "float" -> DType.FLOAT32;
            default -> throw new IllegalArgumentException("Invalid value for --dtype: '" + raw
                    + "' (allowed: " + String.join(", ", DTYPES) + ")");
        };
    }
}
