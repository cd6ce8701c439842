package org.inertia.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.inertia.core.DType;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Broadcast;
import org.inertia.learn.lesson1.Broadcasting;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Lesson 1, tensors and broadcasting: docs/learn/1-tensors-and-broadcasting.md. */
@Tag("lesson1")
class Lesson1Test {
    private final Broadcasting b = Course.broadcasting();

    @Test
    void shapesAlignFromTheRightAndSizeOneStretches() {
        assertArrayEquals(new long[] {2, 3}, b.broadcastShape(new long[] {2, 1}, new long[] {3}));
        assertArrayEquals(new long[] {5, 3, 4}, b.broadcastShape(new long[] {5, 1, 4}, new long[] {3, 1}));
        assertArrayEquals(new long[] {2, 3, 4}, b.broadcastShape(new long[] {2, 1, 4}, new long[] {1, 3, 1}));
        assertArrayEquals(new long[] {2, 3}, b.broadcastShape(new long[] {}, new long[] {2, 3}));
        assertArrayEquals(new long[] {1, 1, 2}, b.broadcastShape(new long[] {1, 1, 1}, new long[] {2}));
        assertArrayEquals(new long[] {4}, b.broadcastShape(new long[] {4}, new long[] {4}));
    }

    @Test
    void shapesThatDoNotBroadcastAreRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.broadcastShape(new long[] {2, 3}, new long[] {4}));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void aBroadcastOperandsGradientIsSummedOverTheAxesItWasRepeatedAlong() {
        INDArray ones = Nd4j.ones(DType.FLOAT64.nd4j(), 2, 3, 4);
        INDArray column = b.reduceTo(ones, new long[] {3, 1});
        assertArrayEquals(new long[] {3, 1}, column.shape());
        assertArrayEquals(new double[] {8, 8, 8}, column.data().asDouble(), 0);      // repeated 2 · 4 times
        assertArrayEquals(new double[] {6, 6, 6, 6}, b.reduceTo(ones, new long[] {4}).data().asDouble(), 0);
        assertArrayEquals(new long[] {2, 3, 4}, b.reduceTo(ones, new long[] {2, 3, 4}).shape());
        assertArrayEquals(new double[] {24}, b.reduceTo(ones, new long[] {}).reshape(1).data().asDouble(), 0);
    }

    @Test
    void anAddBuiltOnYourBroadcastingGivesPyTorchsValuesAndGradients() {
        List<JsonNode> cases = PyTorchCases.cases("elementwise", c -> c.get("op").asText().equals("add")
                && c.get("inputs").size() == 2 && !c.get("inputs").get(0).has("view"));
        for (JsonNode c : cases) {
            PyTorchCases.check(c, in -> add(in[0], in[1]));
        }
    }

    /** a + b with your broadcast shape forwards and your reduceTo backwards. */
    private Tensor add(Tensor x, Tensor y) {
        long[] shape = b.broadcastShape(x.shape(), y.shape());
        INDArray out = Broadcast.to(x.data(), shape).add(Broadcast.to(y.data(), shape));
        return Tensor.fromOp("add", out, (g, needs) -> new INDArray[] {
            needs[0] ? b.reduceTo(g, x.shape()) : null, needs[1] ? b.reduceTo(g, y.shape()) : null}, x, y);
    }
}
