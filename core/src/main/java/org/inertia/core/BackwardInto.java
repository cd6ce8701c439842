package org.inertia.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link Backward} that can write gradients straight into the buffers they are headed for.
 *
 * <p>Why: a leaf's first gradient of a step (a weight gradient, usually) would otherwise be computed
 * into a new array and then copied into the leaf's gradient buffer. For a linear layer's weights that
 * copy is a whole extra pass over the largest array of the step (docs/performance.md, "Notes behind
 * the code"). Ops whose kernels can write anywhere — the GEMMs of {@code linear} and
 * {@code matmul}, {@code conv2d}'s kernels, the bias sums — write there directly.
 *
 * <p>The engine passes {@code into[i]} only for a leaf input whose buffer holds no gradient yet this
 * step; it is a dense row-major array of the input's shape and dtype, and its contents are to be
 * overwritten. The op either returns {@code into[i]} itself as gradient i (having written it) or any
 * other array as usual.
 */
@FunctionalInterface
public interface BackwardInto extends Backward {
    /** As {@link Backward#apply(INDArray, boolean[])}, writing gradient i into {@code into[i]} where that is not null (and then returning it). */
    INDArray[] apply(INDArray gradOutput, boolean[] needsGrad, INDArray[] into);

    @Override
    default INDArray[] apply(INDArray gradOutput, boolean[] needsGrad) {
        return apply(gradOutput, needsGrad, new INDArray[needsGrad.length]);
    }
}
