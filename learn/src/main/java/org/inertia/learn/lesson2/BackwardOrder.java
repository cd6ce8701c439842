package org.inertia.learn.lesson2;

import java.util.List;
import org.inertia.core.Tensor;

/** Lesson 2: the order the backward pass visits a graph in. */
public interface BackwardOrder {
    /**
     * Every non-leaf tensor {@code root} depends on through inputs that require grad, each listed once
     * and after all of its inputs ({@code root} last); empty for a leaf. Must not overflow the stack on a
     * graph 20,000 ops deep.
     */
    List<Tensor> topologicalOrder(Tensor root);
}
