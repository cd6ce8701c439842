package org.inertia.learn.lesson1;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Lesson 1: broadcasting forwards (which shape two operands make) and backwards (where a gradient goes). */
public interface Broadcasting {
    /**
     * The shape of {@code a op b} for an elementwise op: shapes aligned from the right, each pair of sizes
     * equal or one of them 1 (a missing axis counts as 1). Throws {@link IllegalArgumentException}
     * naming both shapes when they do not broadcast.
     */
    long[] broadcastShape(long[] a, long[] b);

    /**
     * The gradient of an operand of {@code shape} that was broadcast to {@code grad}'s shape: {@code grad}
     * summed over the axes the operand did not have and over its size-1 axes that were stretched.
     */
    INDArray reduceTo(INDArray grad, long[] shape);
}
