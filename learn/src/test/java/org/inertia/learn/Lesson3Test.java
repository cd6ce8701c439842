package org.inertia.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.inertia.core.DType;
import org.inertia.core.GradCheck;
import org.inertia.core.NoGrad;
import org.inertia.core.Tensor;
import org.inertia.learn.lesson3.SigmoidOp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Lesson 3, writing an op with fromOp and GradCheck: docs/learn/3-writing-an-op.md. */
@Tag("lesson3")
class Lesson3Test {
    private final SigmoidOp op = Course.sigmoid();

    @Test
    void valuesAndGradientsMatchPyTorch() {
        for (JsonNode c : PyTorchCases.cases("activations", c -> c.get("op").asText().equals("sigmoid"))) {
            PyTorchCases.check(c, in -> op.sigmoid(in[0]));      // includes ±1000: no NaN, no overflow
        }
    }

    @Test
    void theBackwardAgreesWithFiniteDifferences() {
        Tensor x = Tensor.randn(DType.FLOAT64, 3, 4).mul(3);
        GradCheck.check("sigmoid", in -> op.sigmoid(in[0]), x).assertWithin(1e-6);
        GradCheck.check("sigmoid(x)·x", in -> op.sigmoid(in[0]).mul(in[0]), x).assertWithin(1e-6);
    }

    @Test
    void itIsRecordedForAutogradAndLeavesItsInputAlone() {
        Tensor x = Tensor.of(DType.FLOAT64, new double[] {-1, 0, 2}).requiresGrad(true);
        Tensor y = op.sigmoid(x);
        assertEquals("sigmoid", y.gradFnName());
        assertArrayEquals(new double[] {-1, 0, 2}, x.toDoubleArray(), 0, "the input must not change");
        assertEquals(0.5, y.toDoubleArray()[1], 1e-15);
        try (NoGrad g = NoGrad.enter()) {
            assertTrue(op.sigmoid(x).isLeaf(), "under NoGrad nothing is recorded (Tensor.fromOp sees to it)");
        }
    }
}
