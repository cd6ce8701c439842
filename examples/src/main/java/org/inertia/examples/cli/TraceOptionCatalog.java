package org.inertia.examples.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.inertia.examples.studio.TraceOption;
import org.inertia.optim.Adaptive;
import org.inertia.optim.Momentum;
import org.inertia.optim.Nesterov;
import org.inertia.optim.trace.Quadratic;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code trace} command's options described for the studio's playground, read from the command's
 * picocli definition (names, labels, help texts, defaults), the enums behind its named choices, and
 * each optimizer's library defaults (which also say which optimizers a hyperparameter applies to).
 */
final class TraceOptionCatalog {
    /** Options the page does not offer: help, and the file-writing ones the studio refuses. */
    private static final Set<String> LEFT_OUT = Set.of("help", "version", "plot", "loss-plot");

    private TraceOptionCatalog() {
    }

    static List<TraceOption> describe() {
        CommandSpec spec = InertiaCommand.create().getSubcommands().get("trace").getCommandSpec();
        Map<String, Map<String, String>> perOptimizer = optimizerDefaults();
        List<TraceOption> out = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            String name = o.longestName().substring(2);
            if (LEFT_OUT.contains(name)) {
                continue;
            }
            String fallback = spec.defaultValueProvider() == null ? null : provided(spec, o);
            String defaultValue = fallback != null ? fallback : name.equals("condition")
                    ? HyperparameterLabel.number(Quadratic.DEFAULT_CONDITION) : o.defaultValue();
            boolean flag = o.arity().max() == 0;
            out.add(new TraceOption(name, flag ? "" : o.paramLabel(), String.join(" ", o.description()),
                    flag ? null : defaultValue, flag, choices(name), perOptimizer.getOrDefault(name, Map.of())));
        }
        return out;
    }

    private static String provided(CommandSpec spec, OptionSpec o) {
        try {
            return spec.defaultValueProvider().defaultValue(o);
        } catch (Exception e) {
            throw new IllegalStateException("trace's default for " + o.longestName(), e);
        }
    }

    /** The values of an option that names a choice, from the enum it parses into. */
    private static List<String> choices(String name) {
        return switch (name) {
            case "function" -> names(org.inertia.optim.trace.TestFunction.values());
            case "optimizer" -> names(OptimizerKind.values());
            case "form" -> List.copyOf(new LinkedHashSet<>(Stream.concat(names(Momentum.Form.values()).stream(),
                    names(Nesterov.Form.values()).stream()).toList()));
            case "adaptive" -> names(Adaptive.values());
            case "lr-schedule" -> names(ScheduleFlags.LrSchedule.values());
            case "momentum-schedule" -> names(ScheduleFlags.MomentumSchedule.values());
            case "dtype" -> TraceCommand.DTYPES;
            default -> List.of();
        };
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Choices::cliName).toList();
    }

    /** flag name → (optimizer → its library default), for every hyperparameter of every optimizer. */
    private static Map<String, Map<String, String>> optimizerDefaults() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (OptimizerKind kind : OptimizerKind.values()) {
            kind.libraryDefaults().asMap().forEach((component, value) -> out
                    .computeIfAbsent(OptimizerDefaultsSection.flagName(component).substring(2), k -> new LinkedHashMap<>())
                    .put(Choices.cliName(kind), OptimizerDefaultsSection.value(value)));
        }
        return out;
    }
}
