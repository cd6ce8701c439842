package org.inertia.core.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.inertia.core.DType;
import org.inertia.core.FastPaths;
import org.inertia.core.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three defects the op conformance suite was built to catch, each pinned by name, with fast paths
 * on (float32 keeps its native kernel) and off (the readable forms).
 */
class Float64ExactnessTest {
    private static JsonNode golden(String group, String name, String dtype) {
        for (JsonNode c : Golden.read("conformance/ops/" + group + ".json").get("cases")) {
            if (c.get("name").asText().equals(name) && c.get("dtype").asText().equals(dtype)) {
                return c;
            }
        }
        throw new IllegalStateException("no golden case '" + name + "' [" + dtype + "] in " + group);
    }

    /** libnd4j's float64 softmax returned NaN for such a row in a tensor of several rows. */
    @ParameterizedTest(name = "fast paths {0}")
    @ValueSource(booleans = {true, false})
    void softmaxOfAVeryNegativeRowIsExactInFloat64(boolean fast) {
        FastPaths.run(fast, () -> {
            Tensor p = Tensor.of(DType.FLOAT64, new double[][] {{1, 2, 3}, {-1000, -999, -1001}}).softmax(1);
            double e1 = Math.exp(-1);
            double e2 = Math.exp(-2);
            double[] expected = {e2 / (1 + e1 + e2), e1 / (1 + e1 + e2), 1 / (1 + e1 + e2),
                e1 / (1 + e1 + e2), 1 / (1 + e1 + e2), e2 / (1 + e1 + e2)};
            assertArrayEquals(expected, p.toDoubleArray(), 1e-15);
            for (String dtype : new String[] {"float64", "float32"}) {
                OpConformanceTest.replay(golden("activations", "softmax of logits near +-1000", dtype));
                OpConformanceTest.replay(golden("activations", "softmax of logits near +-1000 along axis 0", dtype));
            }
        });
    }

    /** libnd4j's batchnorm_bp keeps 1/N in single precision: float64 input gradients were off by ~1e-8. */
    @ParameterizedTest(name = "fast paths {0}")
    @ValueSource(booleans = {true, false})
    void batchNormTrainingInputGradientIsFloat64Accurate(boolean fast) {
        FastPaths.run(fast, () -> {
            for (String name : new String[] {"batch_norm train [N,C]", "batch_norm train [N,C,H,W]",
                "batch_norm train [N,C,H,W], no affine", "batch_norm train, a large offset"}) {
                OpConformanceTest.replay(golden("normalization", name, "float64"));
                OpConformanceTest.replay(golden("normalization", name, "float32"));
            }
        });
    }

    /** libnd4j's lrelu_bp multiplied by the slope rounded to float32 (0.2 became 0.2000000029802322). */
    @ParameterizedTest(name = "fast paths {0}")
    @ValueSource(booleans = {true, false})
    void leakyReluGradientUsesTheExactSlope(boolean fast) {
        FastPaths.run(fast, () -> {
            Tensor x = Tensor.of(DType.FLOAT64, new double[] {-3, -0.0, 0, 2}).requiresGrad(true);
            x.leakyRelu(0.2).sum().backward();
            assertArrayEquals(new double[] {0.2, 0.2, 0.2, 1}, x.grad().toDoubleArray(), 0,
                    "d/dx is the slope exactly where x <= 0 (as PyTorch), 1 where x > 0");
            Tensor y = Tensor.of(DType.FLOAT64, new double[] {-1}).requiresGrad(true);
            y.leakyRelu(0.1).backward(Tensor.of(DType.FLOAT64, new double[] {3}));
            assertEquals(3 * 0.1, y.grad().item(), 0);
        });
    }
}
