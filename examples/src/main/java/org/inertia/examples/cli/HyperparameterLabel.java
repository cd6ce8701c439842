package org.inertia.examples.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.inertia.optim.Hyperparameters;

/**
 * An optimizer's step size and momentum as the charts' titles show them, e.g.
 * {@code nesterov η 0.05 cosine, β 0.9 ramp→0.99, restart every 100}.
 */
final class HyperparameterLabel {
    private HyperparameterLabel() {
    }

    /** {@code name}'s η and β (or α, β₁, β₂), with the schedules and restart that move them. */
    static String of(String name, Hyperparameters h, ScheduleFlags schedules) {
        Map<String, Object> m = h.asMap();
        List<String> parts = new ArrayList<>();
        String lrSchedule = schedules == null || schedules.lrSchedule() == ScheduleFlags.LrSchedule.NONE ? ""
                : " " + Choices.cliName(schedules.lrSchedule());
        parts.add("η " + number(h.lr()) + lrSchedule);
        if (m.containsKey("beta1")) {
            parts.add("β₁ " + number((Double) m.get("beta1")) + momentumSchedule(schedules) + ", β₂ "
                    + number((Double) m.get("beta2")));
        } else if (m.containsKey("alpha")) {
            parts.add("α " + number((Double) m.get("alpha")));
            if ((Double) m.get("momentum") > 0 || schedules != null
                    && schedules.momentumSchedule() != ScheduleFlags.MomentumSchedule.NONE) {
                parts.add("β " + number(h.momentum()) + momentumSchedule(schedules));
            }
        } else if (m.containsKey("momentum")) {
            parts.add("β " + number(h.momentum()) + momentumSchedule(schedules));
        }
        if (m.get("form") instanceof String form && !"PYTORCH".equals(form)) {
            parts.add(form.toLowerCase(Locale.ROOT).replace('_', '-') + " form");
        }
        if (m.get("adaptive") instanceof String adaptive && !"NONE".equals(adaptive)) {
            parts.add("adaptive " + adaptive.toLowerCase(Locale.ROOT));
        }
        if (m.get("weightDecay") instanceof Double wd && wd != 0) {
            parts.add("λ " + number(wd));
        }
        if (schedules != null && schedules.restartEvery > 0) {
            parts.add("restart every " + schedules.restartEvery);
        }
        return name + " " + String.join(", ", parts);
    }

    private static String momentumSchedule(ScheduleFlags s) {
        if (s == null) {
            return "";
        }
        return switch (s.momentumSchedule()) {
            case NONE -> "";
            case RAMP -> " ramp→" + number(s.momentumMax);
            case ONECYCLE -> " onecycle";
        };
    }

    /** A number as people write it: 0.05, 1e-8, 0. */
    static String number(double v) {
        BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
        String plain = d.toPlainString();
        return plain.length() > 8 ? d.toString().replace("E", "e") : plain;
    }
}
