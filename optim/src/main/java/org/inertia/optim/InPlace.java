package org.inertia.optim;

import org.inertia.core.FastPaths;
import org.inertia.optim.kernels.UpdateKernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The in-place building blocks of update rules: one native call each, no temporary arrays. The
 * readable form builds an ND4J op per call; with fast paths on, {@link UpdateKernels} runs the same op
 * through a reused native context.
 */
final class InPlace {
    private InPlace() {
    }

    /** y ← a·y + x, returns y (the momentum update v ← μv + g in one call). */
    static INDArray scaleAdd(double a, INDArray y, INDArray x) {
        if (FastPaths.enabled() && UpdateKernels.fit(y, x)) {
            UpdateKernels.scaleAdd(a, y, x);
            return y;
        }
        Nd4j.exec(new Axpy(y, x, y, a));
        return y;
    }

    /** y ← y + a·x (BLAS "axpy"), returns y. */
    static INDArray axpy(double a, INDArray x, INDArray y) {
        if (FastPaths.enabled() && UpdateKernels.fit(x, y)) {
            UpdateKernels.axpy(a, x, y);
            return y;
        }
        Nd4j.exec(new Axpy(x, y, y, a));
        return y;
    }

    /**
     * The L2-regularised gradient g + λθ (PyTorch's weight decay for every optimizer but AdamW).
     * Returns {@code grad} itself when λ = 0; otherwise a new array, since the user's gradient must
     * not change.
     */
    static INDArray withWeightDecay(INDArray grad, INDArray param, double weightDecay) {
        if (weightDecay == 0) {
            return grad;
        }
        return axpy(weightDecay, param, grad.dup());
    }
}
