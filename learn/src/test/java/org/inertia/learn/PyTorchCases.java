package org.inertia.learn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.inertia.core.DType;
import org.inertia.core.Tensor;
import org.inertia.core.conformance.Golden;

/**
 * PyTorch 1.13's values for an op, from core's golden files (tools/op_conformance.py): run a case's
 * inputs through your code, compare the output, send the case's upstream gradient back and compare
 * every input's gradient. Tolerances: 1e-10 (float64), 1e-5 (float32), relative to the largest value.
 */
final class PyTorchCases {
    private PyTorchCases() {
    }

    /** The cases of {@code file} (e.g. "activations") that {@code which} selects. */
    static List<JsonNode> cases(String file, Predicate<JsonNode> which) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : Golden.read("conformance/ops/" + file + ".json").get("cases")) {
            if (which.test(c)) {
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no cases in " + file + ".json match");
        }
        return out;
    }

    /** The case's name and dtype, for messages. */
    static String name(JsonNode c) {
        return c.get("name").asText() + " [" + c.get("dtype").asText() + "]";
    }

    /** Runs {@code op} on the case's inputs and checks output and gradients against PyTorch's. */
    static void check(JsonNode c, Function<Tensor[], Tensor> op) {
        DType dtype = Golden.dtype(c.get("dtype").asText());
        double tolerance = Golden.tolerance(dtype);
        JsonNode specs = c.get("inputs");
        Tensor[] inputs = new Tensor[specs.size()];
        for (int i = 0; i < inputs.length; i++) {
            JsonNode spec = specs.get(i);
            inputs[i] = spec.isNull() ? null : Golden.tensor(dtype, spec);
            if (inputs[i] != null && spec.get("requires_grad").asBoolean()) {
                inputs[i].requiresGrad(true);
            }
        }
        Tensor out = op.apply(inputs);
        JsonNode expected = c.get("output");
        Golden.assertClose(name(c) + ": output", Golden.shape(expected.get("shape")), Golden.doubles(expected.get("values")),
                out, tolerance);
        out.backward(Golden.tensor(dtype, Golden.doubles(c.get("upstream")), out.shape()));
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] != null && specs.get(i).get("requires_grad").asBoolean()) {
                if (inputs[i].grad() == null) {
                    throw new AssertionError(name(c) + ": input " + i + " got no gradient");
                }
                Golden.assertClose(name(c) + ": gradient of input " + i, Golden.shape(specs.get(i).get("shape")),
                        Golden.doubles(specs.get(i).get("grad")), inputs[i].grad(), tolerance);
            }
        }
    }
}
