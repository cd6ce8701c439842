package org.inertia.examples.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.inertia.optim.Hyperparameters;

/**
 * {@code trace --sweep FLAG=V,V,...}: one numeric optimizer flag and the values to run it at.
 *
 * @param flag      the flag's name without dashes ({@code momentum}, {@code weight-decay})
 * @param component the options record component it sets ({@code momentum}, {@code weightDecay})
 * @param values    the values, in the order given
 */
record Sweep(String flag, String component, double[] values) {
    private static final Map<String, String> SYMBOLS = Map.of("lr", "η", "momentum", "β", "dampening", "τ",
            "weightDecay", "λ", "alpha", "α", "eps", "ε", "beta1", "β₁", "beta2", "β₂");

    /** Parses {@code raw}, refusing a flag one of {@code kinds} does not have or a value that is not a number. */
    static Sweep parse(String raw, List<OptimizerKind> kinds) {
        String text = Choices.unquote(raw);
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException("--sweep needs FLAG=V,V,... (e.g. momentum=0.5,0.9), got '" + raw + "'");
        }
        String flag = text.substring(0, eq).strip().replaceFirst("^--", "");
        String component = componentOf(flag);
        if (!SYMBOLS.containsKey(component)) {
            throw new IllegalArgumentException("--sweep: '" + flag + "' is not a numeric optimizer flag (allowed: lr, "
                    + "momentum, dampening, weight-decay, alpha, eps, beta1, beta2)");
        }
        for (OptimizerKind kind : kinds) {
            if (!kind.libraryDefaults().asMap().containsKey(component)) {
                throw new IllegalArgumentException("--sweep " + flag + ": " + Choices.cliName(kind) + " has no --" + flag);
            }
        }
        String[] parts = text.substring(eq + 1).split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--sweep " + flag + ": '" + parts[i].strip() + "' is not a number");
            }
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("--sweep " + flag + ": values must be finite, got " + parts[i].strip());
            }
        }
        if (values.length > 12) {
            throw new IllegalArgumentException("--sweep takes at most 12 values, got " + values.length);
        }
        Sweep s = new Sweep(flag, component, values);
        for (OptimizerKind kind : kinds) {              // every value valid for every optimizer, before any run
            for (int r = 0; r < values.length; r++) {
                s.apply(kind.libraryDefaults(), r);
            }
        }
        return s;
    }

    /** {@code options} with run {@code r}'s value, checked. */
    Hyperparameters apply(Hyperparameters options, int r) {
        try {
            return options.with(component, values[r]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--sweep " + flag + "=" + text(r) + ": " + e.getMessage(), e);
        }
    }

    /** {@code name}'s hyperparameters for a title, the swept one as the set of its values: β ∈ {0.5, 0.9}. */
    String label(String name, Hyperparameters options, ScheduleFlags schedules) {
        String one = symbol() + " " + text(0);
        String all = symbol() + " ∈ {" + String.join(", ", java.util.stream.IntStream.range(0, values.length)
                .mapToObj(this::text).toList()) + "}";
        String label = HyperparameterLabel.of(name, apply(options, 0), schedules);
        return label.contains(one) ? label.replace(one, all) : label + ", " + all;
    }

    /** The flag's symbol in labels: η, β, ... */
    String symbol() {
        return SYMBOLS.get(component);
    }

    /** Run {@code r}'s value as written in labels. */
    String text(int r) {
        return HyperparameterLabel.number(values[r]);
    }

    private static String componentOf(String flag) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : flag.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sweep s && flag.equals(s.flag) && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return flag.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return flag + "=" + Arrays.toString(values);
    }
}
