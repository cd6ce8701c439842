package org.inertia.learn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.inertia.core.DType;
import org.inertia.core.Tensor;
import org.inertia.optim.Optimizer;
import org.inertia.optim.conformance.ReferenceTraces;
import org.inertia.optim.trace.TestFunction;
import org.inertia.optim.trace.Trace;
import org.inertia.optim.trace.TracePoint;

/**
 * One of the project's reference optimizer trajectories (PyTorch 1.13, optim's
 * {@code conformance/optim-traces}): the case's settings, and a check that an optimizer follows the
 * path point by point within 1e-7 · max(1, |expected|).
 */
record ReferenceTrajectory(String name, TestFunction function, double[] start, int steps, Map<String, String> flags,
                           List<double[]> expected) {

    static ReferenceTrajectory load(String name) {
        try (InputStream in = ReferenceTraces.open("conformance/optim-traces/cases.json")) {
            for (JsonNode c : new ObjectMapper().readTree(in)) {
                if (c.get("name").asText().equals(name)) {
                    Map<String, String> flags = new HashMap<>();
                    JsonNode args = c.get("args");
                    for (int i = 0; i + 1 < args.size(); i += 2) {
                        flags.put(args.get(i).asText().substring(2), args.get(i + 1).asText().replace("'", ""));
                    }
                    String[] xy = flags.get("start").split(",");
                    return new ReferenceTrajectory(name,
                            TestFunction.valueOf(flags.get("function").toUpperCase(Locale.ROOT)),
                            new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])},
                            Integer.parseInt(flags.get("steps")), flags,
                            ReferenceTraces.rows("conformance/optim-traces/" + c.get("expected").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no reference trajectory " + name);
    }

    /** A numeric setting of the case ({@code lr}, {@code momentum}, {@code weight-decay}, ...), or {@code absent}. */
    double number(String flag, double absent) {
        return flags.containsKey(flag) ? Double.parseDouble(flags.get(flag)) : absent;
    }

    /** Runs {@code optimizer} on the case and fails at the first point that leaves PyTorch's path. */
    void assertFollowedBy(Function<List<Tensor>, Optimizer> optimizer) {
        List<TracePoint> actual = Trace.run(function, start, DType.FLOAT64, steps, optimizer);
        for (int r = 0; r < expected.size(); r++) {
            double[] e = expected.get(r);
            TracePoint p = actual.get(r);
            double[] got = {p.x(), p.y(), p.loss()};
            String[] what = {"x", "y", "loss"};
            for (int k = 0; k < 3; k++) {
                double want = e[k + 1];
                if (!(Math.abs(got[k] - want) <= 1e-7 * Math.max(1, Math.abs(want)))) {
                    throw new AssertionError(name + ": step " + r + " " + what[k] + " is " + got[k] + ", PyTorch's is "
                            + want + (r == 1 ? " (the first step is already off: check the first-step case)" : ""));
                }
            }
        }
    }
}
