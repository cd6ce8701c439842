package org.inertia.learn.lesson1;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Your exercise for lesson 1 (docs/learn/1-tensors-and-broadcasting.md). Check it with
 * {@code ./mvnw -q -pl learn -am test -Dgroups=lesson1 -Dinertia.learn=exercises}.
 */
public final class MyBroadcasting implements Broadcasting {
    @Override
    public long[] broadcastShape(long[] a, long[] b) {
        // Align from the right: axis i of the result reads a and b at i - (rank - a.length), i - (rank - b.length).
        throw new UnsupportedOperationException("not implemented: lesson 1, MyBroadcasting.broadcastShape");
    }

    @Override
    public INDArray reduceTo(INDArray grad, long[] shape) {
        // grad.sum(true, axes...) keeps the summed axes as size 1; reshape('c', shape) drops the leading ones.
        throw new UnsupportedOperationException("not implemented: lesson 1, MyBroadcasting.reduceTo");
    }
}
