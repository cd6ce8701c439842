package org.inertia.optim.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference trajectories' files ({@code conformance/optim-traces}, {@code conformance/extra}), read
 * from the test class path: shared through optim's test-jar with the trace command's test and the
 * course's lessons.
 */
public final class ReferenceTraces {
    private ReferenceTraces() {
    }

    /** The resource at {@code path} (e.g. {@code conformance/optim-traces/cases.json}); the caller closes it. */
    public static InputStream open(String path) {
        InputStream in = ReferenceTraces.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + path + " (optim's test-jar)");
        }
        return in;
    }

    /** The rows (step, x, y, loss) of the trajectory file at {@code path}. */
    public static List<double[]> rows(String path) {
        try (InputStream in = open(path)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** The rows of CSV text {@code step,x,y,loss}: the reference files' format and the trace command's output. */
    public static List<double[]> parse(String csv) {
        String[] lines = csv.strip().split("\\R");
        if (!lines[0].strip().equals("step,x,y,loss")) {
            throw new AssertionError("CSV header should be step,x,y,loss, got " + lines[0]);
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].strip().split(",");
            double[] row = new double[f.length];
            for (int j = 0; j < f.length; j++) {
                row[j] = Double.parseDouble(f[j]);
            }
            rows.add(row);
        }
        return rows;
    }
}
