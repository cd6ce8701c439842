package org.inertia.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.inertia.core.DType;
import org.inertia.core.Graphs;
import org.inertia.core.Tensor;
import org.inertia.learn.lesson2.BackwardOrder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Lesson 2, the backward pass: docs/learn/2-the-backward-pass.md. */
@Tag("lesson2")
class Lesson2Test {
    private final BackwardOrder order = Course.backwardOrder();
    private final Tensor x = Tensor.of(DType.FLOAT64, new double[] {1, 2, 3}).requiresGrad(true);
    private final Tensor w = Tensor.of(DType.FLOAT64, new double[] {4, 5, 6}).requiresGrad(true);

    @Test
    void everyTensorComesOnceAndAfterItsInputsWithTheOutputLast() {
        Tensor m = x.mul(w);
        Tensor shared = m.tanh();
        Tensor y = shared.mul(m).add(shared).sum();              // m and shared are each used twice
        List<Tensor> list = order.topologicalOrder(y);
        assertIsATopologicalOrder(y, list);
        assertEquals(5, list.size(), "mul, tanh, mul, add, sum: each once");
    }

    @Test
    void leavesAndWhatNeedsNoGradientAreLeftOut() {
        assertTrue(order.topologicalOrder(x).isEmpty(), "a leaf has nothing to order");
        Tensor constant = Tensor.of(DType.FLOAT64, new double[] {1, 1, 1}).mul(2);   // no input requires grad
        Tensor y = x.mul(constant).sum();
        List<Tensor> list = order.topologicalOrder(y);
        assertEquals(2, list.size(), "mul and sum; the constant's mul needs no gradient");
        assertSame(y, list.get(1));
    }

    @Test
    void aGraph20000OpsDeepDoesNotOverflowTheStack() {
        Tensor t = x;
        for (int i = 0; i < 20_000; i++) {
            t = t.mul(1.0);
        }
        Tensor y = t.sum();
        List<Tensor> list = order.topologicalOrder(y);
        assertEquals(20_001, list.size());
        assertSame(y, list.get(20_000));
    }

    @Test
    void itListsTheSameTensorsTheEngineWalks() {
        Tensor y = x.mul(w).add(x).exp().mul(w).sum();
        Set<Tensor> yours = identitySet(order.topologicalOrder(y));
        Set<Tensor> engine = identitySet(Graphs.topologicalOrder(y));
        assertEquals(engine, yours);
    }

    private static void assertIsATopologicalOrder(Tensor root, List<Tensor> list) {
        assertSame(root, list.get(list.size() - 1), "the output comes last");
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : list) {
            assertTrue(!t.isLeaf(), "a leaf in the order: " + t);
            for (Tensor input : Graphs.inputs(t)) {
                if (!input.isLeaf() && input.requiresGrad()) {
                    assertTrue(seen.contains(input), "'" + t.gradFnName() + "' comes before its input '"
                            + input.gradFnName() + "'");
                }
            }
            assertTrue(seen.add(t), "'" + t.gradFnName() + "' is listed twice");
        }
    }

    private static Set<Tensor> identitySet(List<Tensor> list) {
        Set<Tensor> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(list);
        return s;
    }
}
