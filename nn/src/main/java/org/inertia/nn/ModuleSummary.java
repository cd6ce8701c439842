package org.inertia.nn;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.inertia.core.DType;
import org.inertia.core.NoGrad;
import org.inertia.core.Tensor;

/**
 * {@link Module#summary}: one forward pass with a recorder listening to {@link Module#call}, so the
 * table lists modules in the order the data meets them, with the shape each one produced. A layer the
 * pass did not reach through {@code call} would silently be missing from the table, so that is refused.
 */
final class ModuleSummary {
    private static final ThreadLocal<List<Object[]>> RECORDER = new ThreadLocal<>();

    private ModuleSummary() {
    }

    static void record(Module module, Tensor output) {
        List<Object[]> rows = RECORDER.get();
        if (rows != null) {
            rows.add(new Object[] {module, output.shape()});
        }
    }

    static String of(Module root, long[] inputShape) {
        Map<Module, String> names = new IdentityHashMap<>();
        root.namedModules().forEach((name, m) -> names.put(m, name.isEmpty() ? "(model)" : name));
        DType dtype = root.parameters().stream().findFirst().map(Tensor::dtype).orElse(DType.DEFAULT);
        List<Object[]> rows = new ArrayList<>();
        boolean wasTraining = root.isTraining();
        RECORDER.set(rows);
        try {
            root.eval();
            NoGrad.run(() -> root.call(Tensor.zeros(dtype, inputShape)));
        } finally {
            RECORDER.remove();
            root.train(wasTraining);
        }
        java.util.Set<Module> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        rows.forEach(row -> seen.add((Module) row[0]));
        List<String> unseen = new ArrayList<>();
        root.namedModules().forEach((name, m) -> {
            if (m != root && m.children().isEmpty() && !seen.contains(m)) {
                unseen.add(name + " (" + m.getClass().getSimpleName() + ")");
            }
        });
        if (!unseen.isEmpty()) {
            throw new IllegalStateException("summary: " + String.join(", ", unseen) + " did not run through call() in a "
                    + "forward pass on an input of shape " + java.util.Arrays.toString(inputShape) + ". Invoke children "
                    + "with child.call(x): forward(x) runs them unseen by summary(). A module that is not used at all "
                    + "still has its parameters trained and saved; remove it if it is not needed.");
        }
        StringBuilder s = new StringBuilder();
        String format = "%-22s %-14s %-20s %12s%n";
        s.append(String.format(Locale.ROOT, format, "Layer", "Type", "Output shape", "Params"));
        s.append("-".repeat(71)).append('\n');
        s.append(String.format(Locale.ROOT, format, "input", "", java.util.Arrays.toString(inputShape), ""));
        for (Object[] row : rows) {
            Module m = (Module) row[0];
            if (m == root && rows.size() > 1) {
                continue;   // the container itself: its children are listed
            }
            long own = m.children().isEmpty() ? m.parameterCount() : 0;
            s.append(String.format(Locale.ROOT, format, names.getOrDefault(m, "?"), m.getClass().getSimpleName(),
                    java.util.Arrays.toString((long[]) row[1]), own == 0 ? "" : String.format(Locale.ROOT, "%,d", own)));
        }
        s.append("-".repeat(71)).append('\n');
        s.append(String.format(Locale.ROOT, "Total parameters: %,d%n", root.parameterCount()));
        return s.toString();
    }
}
