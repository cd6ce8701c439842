package org.inertia.core.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.inertia.core.DType;
import org.inertia.core.FastPaths;
import org.inertia.core.Tensor;
import org.inertia.core.kernels.SmallArrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every op against PyTorch 1.13: the golden inputs, outputs and input gradients that
 * {@code tools/op_conformance.py} wrote (core/src/test/resources/conformance/ops), replayed through
 * Inertia. float64 cases must agree to 1e-10 of each tensor's largest magnitude, float32 cases to 1e-5.
 * Every case runs with fast paths on and off ({@link FastPaths}); float32 cases also once with the
 * small-array Java loops off (ND4J's native path alone).
 *
 * <p>A case may be skipped only where the README's "Differences from PyTorch" table documents why;
 * such cases are listed in {@link #DOCUMENTED_DIFFERENCES} and printed after the run.
 */
class OpConformanceTest {
    private static final String ROOT = "conformance/ops/";

    /** Case name → the README row that documents the difference. Empty: Inertia agrees on every case. */
    private static final Map<String, String> DOCUMENTED_DIFFERENCES = Map.of();

    private static final Set<String> SKIPPED = new TreeSet<>();

    static List<JsonNode> allCases() {
        List<JsonNode> cases = new ArrayList<>();
        for (String group : Golden.strings(Golden.read(ROOT + "index.json").get("groups"))) {
            Golden.read(ROOT + group + ".json").get("cases").forEach(cases::add);
        }
        return cases;
    }

    static Stream<Arguments> cases() {
        return allCases().stream().map(c -> Arguments.of(title(c), c));
    }

    static Stream<Arguments> float32Cases() {
        return allCases().stream().filter(c -> c.get("dtype").asText().equals("float32"))
                .map(c -> Arguments.of(title(c), c));
    }

    private static String title(JsonNode c) {
        return c.get("name").asText() + " [" + c.get("dtype").asText() + "]";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(String title, JsonNode golden) {
        replay(golden);
    }

    /** Every case again with fast paths off (-Dinertia.reference=true): the readable forms must agree too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void referencePathMatchesPyTorch(String title, JsonNode golden) {
        FastPaths.run(false, () -> replay(golden));
    }

    /** The float32 cases with the small-array Java loops off: ND4J's native path must agree as well. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("float32Cases")
    void float32MatchesPyTorchWithoutTheSmallArrayLoops(String title, JsonNode golden) {
        long limit = SmallArrays.limit();
        SmallArrays.setLimit(0);
        try {
            replay(golden);
        } finally {
            SmallArrays.setLimit(limit);
        }
    }

    /** Each op Inertia can replay has golden cases in both dtypes: a new op cannot go unchecked by mistake. */
    @Test
    void everyOpHasGoldenCasesInFloat64() {
        Set<String> covered = new TreeSet<>();
        allCases().forEach(c -> covered.add(c.get("op").asText()));
        Set<String> missing = new TreeSet<>(OpTable.names());
        missing.removeAll(covered);
        assertTrue(missing.isEmpty(), "ops without golden cases: " + missing);
        assertTrue(allCases().size() > 500, "the golden files hold " + allCases().size() + " cases");
    }

    @AfterAll
    static void printSkipped() {
        System.out.println("OpConformanceTest: skipped (documented in the README's \"Differences from PyTorch\"): "
                + (SKIPPED.isEmpty() ? "none" : String.join("; ", SKIPPED)));
    }

    static void replay(JsonNode golden) {
        String name = golden.get("name").asText();
        if (DOCUMENTED_DIFFERENCES.containsKey(name)) {
            SKIPPED.add(name + " (" + DOCUMENTED_DIFFERENCES.get(name) + ")");
            return;
        }
        DType dtype = Golden.dtype(golden.get("dtype").asText());
        double tolerance = Golden.tolerance(dtype);
        JsonNode specs = golden.get("inputs");
        Tensor[] inputs = new Tensor[specs.size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = input(specs.get(i), dtype);
        }
        OpTable.Result result = OpTable.get(golden.get("op").asText()).apply(inputs, golden.get("params"));
        JsonNode output = golden.get("output");
        Golden.assertClose("output", Golden.shape(output.get("shape")), Golden.doubles(output.get("values")),
                result.output(), tolerance);
        if (golden.has("extras")) {
            golden.get("extras").fields().forEachRemaining(e -> {
                Tensor actual = result.extras().get(e.getKey());
                assertTrue(actual != null, "no extra output '" + e.getKey() + "'");
                Golden.assertClose(e.getKey(), Golden.doubles(e.getValue().get("values")), actual.toDoubleArray(),
                        tolerance);
            });
        }
        boolean anyGrad = false;
        for (JsonNode spec : specs) {
            anyGrad |= spec.get("requires_grad").asBoolean();
        }
        if (!anyGrad) {
            return;
        }
        Tensor upstream = Golden.tensor(dtype, Golden.doubles(golden.get("upstream")), result.output().shape());
        result.output().backward(upstream);
        for (int i = 0; i < inputs.length; i++) {
            JsonNode spec = specs.get(i);
            if (!spec.get("requires_grad").asBoolean()) {
                continue;
            }
            Tensor grad = inputs[i].grad();
            double[] actual = grad == null ? new double[(int) inputs[i].numel()] : grad.toDoubleArray();
            if (grad != null) {
                assertEquals(Arrays.toString(inputs[i].shape()), Arrays.toString(grad.shape()), "gradient shape");
            }
            Golden.assertClose("gradient of input " + i, Golden.doubles(spec.get("grad")), actual, tolerance);
        }
    }

    private static boolean hasDefaultLayout(INDArray a) {
        long expected = 1;
        for (int i = a.rank() - 1; i >= 0; i--) {
            if (a.size(i) != 1 && a.stride(i) != expected) {
                return false;
            }
            expected *= a.size(i);
        }
        return a.offset() == 0;
    }

    /** An input leaf: the golden base array in {@code dtype}, then the view the case asks for. */
    private static Tensor input(JsonNode spec, DType dtype) {
        boolean isInt = spec.get("dtype").asText().equals("int64");
        long[] baseShape = Golden.shape(spec.has("base_shape") ? spec.get("base_shape") : spec.get("shape"));
        INDArray array = Golden.tensor(isInt ? DType.INT64 : dtype, Golden.doubles(spec.get("values")), baseShape).data();
        if (spec.has("view")) {
            JsonNode view = spec.get("view");
            if (view.get(0).asText().equals("permute")) {
                array = array.permute(Golden.ints(view.get(1)));
            } else {
                int axis = view.get(1).asInt();
                long start = view.get(2).asLong();
                long length = spec.get("shape").get(axis).asLong();
                INDArrayIndex[] index = new INDArrayIndex[array.rank()];
                Arrays.fill(index, NDArrayIndex.all());
                index[axis] = NDArrayIndex.interval(start, start + length);
                array = array.get(index);
            }
            assertTrue(!hasDefaultLayout(array), "a view input must not be laid out like a dense array");
        }
        Tensor t = Tensor.wrap(array);
        return spec.get("requires_grad").asBoolean() ? t.requiresGrad(true) : t;
    }
}
