package org.inertia.nn;

import org.inertia.core.DType;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tensor a {@link Module} trains: a leaf with {@code requiresGrad(true)}. It is a {@link Tensor},
 * so layers use it directly in ops ({@code x.matmul(weight)}), and optimizers take a module's
 * {@link Module#parameters()} as they are.
 */
public final class Parameter extends Tensor {
    /** A parameter over {@code data} (copied out of the current step if it was made in one). */
    public Parameter(INDArray data) {
        super(data, true);
    }

    /** Converts the values to {@code dtype} in place (same parameter object; its gradient is dropped). */
    void convertTo(DType dtype) {
        if (dtype() != dtype) {
            replaceData(data().castTo(dtype.nd4j()));
        }
    }

    /** A zero-filled parameter, to be initialised with {@link Init}. */
    public static Parameter zeros(DType dtype, long... shape) {
        return new Parameter(Nd4j.zeros(dtype.nd4j(), shape));
    }
}
