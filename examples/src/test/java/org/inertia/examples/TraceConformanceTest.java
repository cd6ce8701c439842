package org.inertia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.inertia.optim.conformance.ReferenceTraces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code trace} command reproduces the optimizer reference trajectories (float64) from each case's
 * exact arguments: every x, y and loss within 1e-7 · max(1, |expected|). The optimizers themselves are
 * checked against the same cases through the library's API, in both modes, by optim's
 * {@code OptimizerConformanceTest}; this checks the command's flags reach them unchanged.
 *
 * <ul>
 *   <li>{@code conformance/optim-traces}: the project's shared cases (PyTorch 1.13 and the textbook
 *       equations), copied unchanged;</li>
 *   <li>{@code conformance/extra}: the options those do not cover (AMSGrad, centred RMSprop,
 *       dampening, L2 decay, EMA bias correction, heavy ball, adaptive restart and consistency),
 *       made by {@code tools/optim_references.py}.</li>
 * </ul>
 */
class TraceConformanceTest {
    private static final double TOLERANCE = 1e-7;

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> list = new ArrayList<>();
        for (String dir : List.of("conformance/optim-traces/", "conformance/extra/")) {
            JsonNode cases = new ObjectMapper().readTree(ReferenceTraces.open(dir + "cases.json"));
            for (JsonNode c : cases) {
                List<String> args = new ArrayList<>();
                args.add("trace");
                c.get("args").forEach(a -> args.add(a.asText()));
                list.add(Arguments.of(c.get("name").asText(), args.toArray(String[]::new),
                    dir + c.get("expected").asText()));
            }
        }
        return list.stream();
    }

    @Test
    void aWrongConfigurationDoesNotConform() throws IOException {
        // The EMA case run in PyTorch's form: the comparison must notice (guards against a vacuous check).
        CliRunner.Result result = CliRunner.run("trace", "--function", "quadratic", "--start", "4.0,-2.0",
            "--optimizer", "momentum", "--lr", "0.05", "--momentum", "0.9", "--form", "pytorch", "--steps", "150",
            "--dtype", "float64");
        List<double[]> actual = ReferenceTraces.parse(result.out());
        List<double[]> expected = ReferenceTraces.rows("conformance/optim-traces/momentum-ema-quadratic.csv");
        assertTrue(Math.abs(actual.get(10)[1] - expected.get(10)[1]) > 1e-3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void traceMatchesTheReference(String name, String[] args, String expectedFile) throws IOException {
        CliRunner.Result result = CliRunner.run(args);
        assertEquals(0, result.exitCode(), () -> name + " failed: " + result.err());
        List<double[]> actual = ReferenceTraces.parse(result.out());
        List<double[]> expected = ReferenceTraces.rows(expectedFile);
        assertEquals(expected.size(), actual.size(), name + ": number of rows");
        String[] columns = {"step", "x", "y", "loss"};
        for (int r = 0; r < expected.size(); r++) {
            for (int c = 0; c < columns.length; c++) {
                double e = expected.get(r)[c];
                double a = actual.get(r)[c];
                if (!(Math.abs(a - e) <= TOLERANCE * Math.max(1, Math.abs(e)))) {
                    fail(name + ": row " + r + " " + columns[c] + " = " + a + ", expected " + e + " (difference "
                            + Math.abs(a - e) + ")");
                }
            }
        }
    }


}
