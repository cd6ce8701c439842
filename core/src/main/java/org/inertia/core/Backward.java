package org.inertia.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The backward half of an op: given dL/d(output), the gradients dL/d(input) for each input.
 *
 * <p>Rules an implementation follows (the engine in {@link Autograd} relies on them):
 * <ul>
 *   <li>return one entry per input, in order; an entry may be {@code null} where
 *       {@code needsGrad[i]} is false (skip that work: it is often the most expensive part);</li>
 *   <li>each gradient has exactly its input's shape and dtype;</li>
 *   <li>never modify {@code gradOutput} in place: it may be shared with other inputs.</li>
 * </ul>
 */
@FunctionalInterface
public interface Backward {
    /** The gradient for each input, in order, given dL/d(output); {@code null} where {@code needsGrad[i]} is false. */
    INDArray[] apply(INDArray gradOutput, boolean[] needsGrad);
}
