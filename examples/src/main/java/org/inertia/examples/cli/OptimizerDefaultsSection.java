package org.inertia.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.inertia.optim.Hyperparameters;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * A help section that lists, per optimizer, what each unset optimizer flag means, generated from
 * {@link OptimizerKind} so the help cannot drift from what the command builds.
 */
final class OptimizerDefaultsSection {
    static final String KEY = "optimizerDefaults";
    private static final int WIDTH = 80;
    private static final String INDENT = " ".repeat(12);

    private OptimizerDefaultsSection() {
    }

    /** Puts the section before the footer of {@code command}'s help. */
    static void addTo(CommandLine command, String heading, Function<OptimizerKind, Hyperparameters> defaults) {
        List<String> keys = new ArrayList<>(command.getHelpSectionKeys());
        keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), KEY);
        command.setHelpSectionKeys(keys);
        command.getHelpSectionMap().put(KEY, help -> text(heading, defaults));
    }

    /** The heading, then one line (wrapped) per optimizer: {@code --flag value, --flag value, ...}. */
    static String text(String heading, Function<OptimizerKind, Hyperparameters> defaults) {
        StringBuilder out = new StringBuilder("\n").append(heading).append('\n');
        for (OptimizerKind kind : OptimizerKind.values()) {
            List<String> items = new ArrayList<>();
            defaults.apply(kind).asMap().forEach((name, v) -> items.add(flagName(name) + " " + value(v)));
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-10s", Choices.cliName(kind)));
            int width = line.length();
            for (int i = 0; i < items.size(); i++) {
                String item = items.get(i) + (i < items.size() - 1 ? "," : "");
                if (i > 0 && width + 1 + item.length() > WIDTH) {
                    line.append('\n').append(INDENT);
                    width = INDENT.length();
                } else if (i > 0) {
                    line.append(' ');
                    width++;
                }
                line.append(item);
                width += item.length();
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** A record component's command-line flag: {@code weightDecay} is {@code --weight-decay}. */
    static String flagName(String component) {
        return "--" + component.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** A default as the command line writes it: 0.9, pytorch, false. */
    static String value(Object v) {
        if (v instanceof Double d) {
            return HyperparameterLabel.number(d);
        }
        return v instanceof String name ? name.toLowerCase(Locale.ROOT).replace('_', '-') : String.valueOf(v);
    }
}
