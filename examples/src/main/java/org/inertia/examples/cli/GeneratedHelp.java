package org.inertia.examples.cli;

import java.util.Arrays;
import java.util.ListResourceBundle;
import java.util.stream.Collectors;
import org.inertia.examples.bench.Workload;
import org.inertia.optim.trace.Quadratic;
import org.inertia.optim.trace.TestFunction;

/**
 * Help-text values computed from where the defaults live, so the help cannot drift from them;
 * descriptions refer to them as {@code ${bundle:generated.KEY}}.
 */
public final class GeneratedHelp extends ListResourceBundle {
    @Override
    protected Object[][] getContents() {
        return new Object[][] {
            {"generated.traceStarts", Arrays.stream(TestFunction.values())
                    .map(f -> f.cliName() + " " + number(f.start()[0]) + "," + number(f.start()[1]))
                    .collect(Collectors.joining("; "))},
            {"generated.quadraticCondition", number(Quadratic.DEFAULT_CONDITION)},
            {"generated.workloads", Arrays.stream(Workload.values()).map(Workload::describe)
                    .collect(Collectors.joining("; "))},
        };
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
