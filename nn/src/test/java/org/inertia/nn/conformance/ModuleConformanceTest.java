package org.inertia.nn.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.inertia.core.DType;
import org.inertia.core.FastPaths;
import org.inertia.core.Tensor;
import org.inertia.core.conformance.Golden;
import org.inertia.core.ops.Reduction;
import org.inertia.core.ops.Window2d;
import org.inertia.nn.Module;
import org.inertia.nn.Sequential;
import org.inertia.nn.layers.AvgPool2d;
import org.inertia.nn.layers.BatchNorm;
import org.inertia.nn.layers.BatchNorm1d;
import org.inertia.nn.layers.BatchNorm2d;
import org.inertia.nn.layers.Conv2d;
import org.inertia.nn.layers.Flatten;
import org.inertia.nn.layers.GELU;
import org.inertia.nn.layers.LeakyReLU;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.LogSoftmax;
import org.inertia.nn.layers.MaxPool2d;
import org.inertia.nn.layers.ReLU;
import org.inertia.nn.layers.Sigmoid;
import org.inertia.nn.layers.Softmax;
import org.inertia.nn.layers.Tanh;
import org.inertia.nn.loss.BCEWithLogitsLoss;
import org.inertia.nn.loss.CrossEntropyLoss;
import org.inertia.nn.loss.Loss;
import org.inertia.nn.loss.MSELoss;
import org.inertia.nn.loss.NLLLoss;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Layers and losses as modules against PyTorch 1.13's {@code torch.nn} (golden values from
 * {@code tools/op_conformance.py}, nn/src/test/resources/conformance/modules.json): weights are loaded
 * under PyTorch's state-dict names, then a sequence of training and evaluation calls must give PyTorch's
 * outputs, input and parameter gradients, and buffers (batch norm's running statistics and
 * num_batches_tracked after every call). Tolerances as the op suite; every case with fast paths on and off.
 */
class ModuleConformanceTest {
    private static final JsonNode FILE = Golden.read("conformance/modules.json");

    static Stream<Arguments> modules() {
        return withModes(FILE.get("modules"));
    }

    static Stream<Arguments> losses() {
        return withModes(FILE.get("losses"));
    }

    private static Stream<Arguments> withModes(JsonNode cases) {
        List<Arguments> out = new ArrayList<>();
        for (boolean fast : new boolean[] {true, false}) {
            cases.forEach(c -> out.add(Arguments.of(c.get("name").asText() + " [" + c.get("dtype").asText() + "]"
                    + (fast ? "" : " reference"), fast, c)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void moduleMatchesPyTorch(String title, boolean fast, JsonNode golden) {
        FastPaths.run(fast, () -> replayModule(golden));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void lossMatchesPyTorch(String title, boolean fast, JsonNode golden) {
        FastPaths.run(fast, () -> replayLoss(golden));
    }

    private static void replayModule(JsonNode golden) {
        DType dtype = Golden.dtype(golden.get("dtype").asText());
        double tolerance = Golden.tolerance(dtype);
        Module module = build(golden.get("module"), dtype);
        Map<String, Tensor> state = new LinkedHashMap<>();
        golden.get("state").fields().forEachRemaining(e -> state.put(e.getKey(), Golden.tensor(
                e.getKey().endsWith("num_batches_tracked") ? DType.INT64 : dtype, e.getValue())));
        module.loadStateDict(state);
        int step = 0;
        for (JsonNode call : golden.get("steps")) {
            String at = "call " + step++ + " (" + call.get("mode").asText() + ")";
            module.train(call.get("mode").asText().equals("train"));
            module.parameters().forEach(Tensor::zeroGrad);
            Tensor x = Golden.tensor(dtype, call.get("input")).requiresGrad(true);
            Tensor out = module.call(x);
            JsonNode expected = call.get("output");
            Golden.assertClose(at + " output", Golden.shape(expected.get("shape")), Golden.doubles(expected.get("values")),
                    out, tolerance);
            out.backward(Golden.tensor(dtype, Golden.doubles(call.get("upstream")), out.shape()));
            Golden.assertClose(at + " input gradient", Golden.doubles(call.get("input_grad")),
                    x.grad().toDoubleArray(), tolerance);
            Map<String, org.inertia.nn.Parameter> params = module.namedParameters();
            assertEquals(call.get("param_grads").size(), params.size(), at + " parameter count");
            call.get("param_grads").fields().forEachRemaining(e -> {
                Tensor p = params.get(e.getKey());
                assertNotNull(p, at + ": no parameter named " + e.getKey());
                Golden.assertClose(at + " gradient of " + e.getKey(), Golden.doubles(e.getValue()),
                        p.grad().toDoubleArray(), tolerance);
            });
            Map<String, Tensor> buffers = module.namedBuffers();
            call.get("state_after").fields().forEachRemaining(e -> {
                Tensor b = buffers.get(e.getKey());
                assertNotNull(b, at + ": no buffer named " + e.getKey());
                Golden.assertClose(at + " " + e.getKey(), Golden.doubles(e.getValue().get("values")),
                        b.toDoubleArray(), tolerance);
            });
        }
    }

    private static void replayLoss(JsonNode golden) {
        DType dtype = Golden.dtype(golden.get("dtype").asText());
        double tolerance = Golden.tolerance(dtype);
        Loss loss = loss(golden.get("loss"));
        Tensor x = Golden.tensor(dtype, golden.get("input")).requiresGrad(true);
        JsonNode t = golden.get("target");
        Tensor target = Golden.tensor(t.get("dtype").asText().equals("int64") ? DType.INT64 : dtype, t);
        Tensor out = loss.forward(x, target);
        JsonNode expected = golden.get("output");
        Golden.assertClose("loss", Golden.shape(expected.get("shape")), Golden.doubles(expected.get("values")), out,
                tolerance);
        out.backward(Golden.tensor(dtype, Golden.doubles(golden.get("upstream")), out.shape()));
        Golden.assertClose("input gradient", Golden.doubles(golden.get("input_grad")), x.grad().toDoubleArray(),
                tolerance);
    }

    /** The Inertia module a golden spec describes (PyTorch's constructor arguments and defaults). */
    private static Module build(JsonNode spec, DType dtype) {
        String type = spec.get("type").asText();
        return switch (type) {
            case "BatchNorm1d", "BatchNorm2d" -> {
                BatchNorm.Options o = BatchNorm.options(spec.get("channels").asLong()).dtype(dtype)
                        .eps(spec.path("eps").asDouble(1e-5)).momentum(spec.path("momentum").asDouble(0.1))
                        .affine(spec.path("affine").asBoolean(true));
                yield type.equals("BatchNorm1d") ? new BatchNorm1d(o) : new BatchNorm2d(o);
            }
            case "Linear" -> new Linear(Linear.options(spec.get("in").asLong(), spec.get("out").asLong())
                    .bias(spec.path("bias").asBoolean(true)).dtype(dtype));
            case "Conv2d" -> {
                int[] k = Golden.ints(spec.get("kernel"));
                int[] s = Golden.ints(spec.get("stride"));
                int[] p = Golden.ints(spec.get("padding"));
                int[] d = Golden.ints(spec.get("dilation"));
                yield new Conv2d(Conv2d.options(spec.get("in").asLong(), spec.get("out").asLong(), k[0])
                        .window(new Window2d(k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1]))
                        .bias(spec.path("bias").asBoolean(true)).dtype(dtype));
            }
            case "MaxPool2d" -> new MaxPool2d(spec.get("kernel").asInt());
            case "AvgPool2d" -> new AvgPool2d(spec.get("kernel").asInt());
            case "Flatten" -> new Flatten();
            case "ReLU" -> new ReLU();
            case "LeakyReLU" -> spec.has("slope") ? new LeakyReLU(spec.get("slope").asDouble()) : new LeakyReLU();
            case "Tanh" -> new Tanh();
            case "Sigmoid" -> new Sigmoid();
            case "GELU" -> new GELU();
            case "Softmax" -> new Softmax();
            case "LogSoftmax" -> new LogSoftmax();
            case "Sequential" -> {
                List<Module> layers = new ArrayList<>();
                spec.get("layers").forEach(l -> layers.add(build(l, dtype)));
                yield new Sequential(layers.toArray(Module[]::new));
            }
            default -> throw new IllegalStateException("golden module type '" + type + "' has no Inertia counterpart here");
        };
    }

    private static Loss loss(JsonNode spec) {
        Reduction reduction = Reduction.valueOf(spec.path("reduction").asText("mean").toUpperCase(Locale.ROOT));
        return switch (spec.get("type").asText()) {
            case "CrossEntropyLoss" -> new CrossEntropyLoss(reduction, spec.path("label_smoothing").asDouble(0));
            case "NLLLoss" -> new NLLLoss(reduction);
            case "MSELoss" -> new MSELoss(reduction);
            case "BCEWithLogitsLoss" -> new BCEWithLogitsLoss(reduction);
            default -> throw new IllegalStateException("golden loss type " + spec.get("type") + " unknown");
        };
    }
}
