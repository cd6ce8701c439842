package org.inertia.optim.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.inertia.core.DType;
import org.inertia.core.FastPaths;
import org.inertia.core.Tensor;
import org.inertia.optim.Adam;
import org.inertia.optim.AdamOptions;
import org.inertia.optim.AdamW;
import org.inertia.optim.Adaptive;
import org.inertia.optim.Momentum;
import org.inertia.optim.Nesterov;
import org.inertia.optim.Optimizer;
import org.inertia.optim.RMSprop;
import org.inertia.optim.SGD;
import org.inertia.optim.trace.TestFunction;
import org.inertia.optim.trace.Trace;
import org.inertia.optim.trace.TracePoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer against reference trajectories (float64): PyTorch 1.13's and the textbook equations'
 * paths on 2-D test functions, every x, y and loss within 1e-7 · max(1, |expected|), with fast paths on
 * and off. Each case is written as the arguments of {@code inertia trace} (the form the shared cases
 * come in); this test builds the same optimizer through the library's API, and the trace command's own
 * test checks that the command reproduces them too.
 *
 * <ul>
 *   <li>{@code conformance/optim-traces}: the project's shared cases, copied unchanged;</li>
 *   <li>{@code conformance/extra}: the options those do not cover (AMSGrad, centred RMSprop, dampening,
 *       L2 decay, EMA bias correction, heavy ball, adaptive restart and consistency), made by
 *       {@code tools/optim_references.py}.</li>
 * </ul>
 */
class OptimizerConformanceTest {
    private static final double TOLERANCE = 1e-7;

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> list = new ArrayList<>();
        for (boolean fast : new boolean[] {true, false}) {
            for (String dir : List.of("conformance/optim-traces/", "conformance/extra/")) {
                for (JsonNode c : new ObjectMapper().readTree(ReferenceTraces.open(dir + "cases.json"))) {
                    List<String> args = new ArrayList<>();
                    c.get("args").forEach(a -> args.add(a.asText()));
                    list.add(Arguments.of(c.get("name").asText() + (fast ? "" : " [reference]"), fast, args,
                            dir + c.get("expected").asText()));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsTheReferenceTrajectory(String name, boolean fast, List<String> args, String expectedFile)
            throws IOException {
        List<double[]> expected = ReferenceTraces.rows(expectedFile);
        FastPaths.run(fast, () -> {
            List<TracePoint> actual = run(options(args));
            assertEquals(expected.size(), actual.size(), name + ": number of points");
            for (int r = 0; r < expected.size(); r++) {
                TracePoint p = actual.get(r);
                double[] values = {p.step(), p.x(), p.y(), p.loss()};
                String[] columns = {"step", "x", "y", "loss"};
                for (int c = 0; c < columns.length; c++) {
                    double e = expected.get(r)[c];
                    if (!(Math.abs(values[c] - e) <= TOLERANCE * Math.max(1, Math.abs(e)))) {
                        fail(name + ": row " + r + " " + columns[c] + " = " + values[c] + ", expected " + e);
                    }
                }
            }
        });
    }

    /** Guards against a vacuous comparison: the EMA case run in PyTorch's form must not conform. */
    @Test
    void aWrongConfigurationDoesNotConform() throws IOException {
        Map<String, String> ema = options(List.of("--function", "quadratic", "--start", "4.0,-2.0", "--optimizer",
                "momentum", "--lr", "0.05", "--momentum", "0.9", "--form", "pytorch", "--steps", "150"));
        List<double[]> expected = ReferenceTraces.rows("conformance/optim-traces/momentum-ema-quadratic.csv");
        assertTrue(Math.abs(run(ema).get(10).x() - expected.get(10)[1]) > 1e-3);
    }

    /** "--flag value" pairs (and the bare flags --centered, --amsgrad, --bias-correction) by name. */
    private static Map<String, String> options(List<String> args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i).substring(2);
            boolean bare = i + 1 == args.size() || args.get(i + 1).startsWith("--");
            o.put(flag, bare ? "true" : args.get(++i).replace("'", ""));
        }
        return o;
    }

    private static List<TracePoint> run(Map<String, String> o) {
        String[] start = o.get("start").split(",");
        TestFunction function = TestFunction.valueOf(o.get("function").toUpperCase(Locale.ROOT));
        return Trace.run(function, new double[] {Double.parseDouble(start[0]), Double.parseDouble(start[1])},
                DType.FLOAT64, Integer.parseInt(o.get("steps")), optimizer(o));
    }

    /** The optimizer the case names, with its options where given and its (PyTorch) defaults elsewhere. */
    private static Function<List<Tensor>, Optimizer> optimizer(Map<String, String> o) {
        return params -> switch (o.get("optimizer")) {
            case "sgd" -> new SGD(params, SGD.options().lr(number(o, "lr", 1e-3)).weightDecay(number(o, "weight-decay", 0)));
            case "momentum" -> {
                Momentum.Options m = Momentum.options();
                yield new Momentum(params, m.lr(number(o, "lr", m.lr())).momentum(number(o, "momentum", m.momentum()))
                        .dampening(number(o, "dampening", 0)).weightDecay(number(o, "weight-decay", 0))
                        .form(Momentum.Form.valueOf(name(o, "form", "pytorch"))).biasCorrection(o.containsKey("bias-correction"))
                        .adaptive(Adaptive.valueOf(name(o, "adaptive", "none"))));
            }
            case "nesterov" -> {
                Nesterov.Options n = Nesterov.options();
                yield new Nesterov(params, n.lr(number(o, "lr", n.lr())).momentum(number(o, "momentum", n.momentum()))
                        .weightDecay(number(o, "weight-decay", 0)).form(Nesterov.Form.valueOf(name(o, "form", "pytorch")))
                        .adaptive(Adaptive.valueOf(name(o, "adaptive", "none"))));
            }
            case "rmsprop" -> {
                RMSprop.Options r = RMSprop.options();
                yield new RMSprop(params, r.lr(number(o, "lr", r.lr())).alpha(number(o, "alpha", r.alpha()))
                        .eps(number(o, "eps", r.eps())).weightDecay(number(o, "weight-decay", 0))
                        .momentum(number(o, "momentum", 0)).centered(o.containsKey("centered")));
            }
            case "adam", "adamw" -> {
                boolean decoupled = o.get("optimizer").equals("adamw");
                AdamOptions a = decoupled ? AdamW.options() : Adam.options();
                a = a.lr(number(o, "lr", a.lr())).beta1(number(o, "beta1", a.beta1())).beta2(number(o, "beta2", a.beta2()))
                        .eps(number(o, "eps", a.eps())).weightDecay(number(o, "weight-decay", a.weightDecay()))
                        .amsgrad(o.containsKey("amsgrad"));
                yield decoupled ? new AdamW(params, a) : new Adam(params, a);
            }
            default -> throw new IllegalArgumentException("unknown optimizer " + o.get("optimizer"));
        };
    }

    private static double number(Map<String, String> o, String flag, double otherwise) {
        return o.containsKey(flag) ? Double.parseDouble(o.get(flag)) : otherwise;
    }

    private static String name(Map<String, String> o, String flag, String otherwise) {
        return o.getOrDefault(flag, otherwise).replace('-', '_').toUpperCase(Locale.ROOT);
    }


}
