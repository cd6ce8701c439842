package org.inertia.learn.lesson2;

import java.util.List;
import org.inertia.core.Tensor;

/**
 * Your exercise for lesson 2 (docs/learn/2-the-backward-pass.md). {@code Graphs.inputs(t)} gives the
 * inputs of the op that made {@code t}. Check it with
 * {@code ./mvnw -q -pl learn -am test -Dgroups=lesson2 -Dinertia.learn=exercises}.
 */
public final class MyBackwardOrder implements BackwardOrder {
    @Override
    public List<Tensor> topologicalOrder(Tensor root) {
        // A depth-first search with your own stack (ArrayDeque), and an identity set of visited tensors.
        throw new UnsupportedOperationException("not implemented: lesson 2, MyBackwardOrder.topologicalOrder");
    }
}
