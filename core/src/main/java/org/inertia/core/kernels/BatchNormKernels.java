package org.inertia.core.kernels;

import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast forms of {@code ops.Normalization}: libnd4j's native {@code batchnorm} and {@code batchnorm_bp}.
 * The backward keeps 1/N in single precision and aborts the JVM without γ and β, so the caller uses it
 * for float32 with both only; every other case takes the readable form.
 */
public final class BatchNormKernels {
    /** libnd4j's batch norm arguments: apply γ, apply β, the channel axis. */
    private static final long CHANNEL_AXIS = 1;

    private BatchNormKernels() {
    }

    /**
     * Training-mode batch norm of x with this batch's {@code mean} and biased {@code variance}, scale γ and
     * shift β (all present, float32): forward and backward in one native call each.
     */
    public static Tensor training(Tensor x, Tensor gamma, Tensor beta, INDArray mean, INDArray variance, double eps) {
        INDArray in = Native.contiguous(x.data());
        INDArray out = forward(in, mean, variance, gamma.data(), beta.data(), eps);
        long[] args = {1, 1, CHANNEL_AXIS};
        return Tensor.fromOp("batchNorm", out, (g, needs) -> {
            // batchnorm_bp: outputs dL/dx (through the batch statistics too), dL/dμ, dL/dσ², dL/dγ, dL/dβ.
            INDArray gradIn = Nd4j.createUninitialized(in.dataType(), in.shape());
            INDArray gradMean = Nd4j.createUninitialized(in.dataType(), mean.shape());
            INDArray gradVar = Nd4j.createUninitialized(in.dataType(), mean.shape());
            INDArray gradGamma = Nd4j.createUninitialized(in.dataType(), mean.shape());
            INDArray gradBeta = Nd4j.createUninitialized(in.dataType(), mean.shape());
            Native.exec("batchnorm_bp", Native.in(in, mean, variance, gamma.data(), beta.data(), Native.contiguous(g)),
                    Native.out(gradIn, gradMean, gradVar, gradGamma, gradBeta), args, eps);
            return new INDArray[] {gradIn, gradGamma, gradBeta};
        }, x, gamma, beta);
    }

    /** γ·(x − μ)/√(σ² + ε) + β per channel (γ, β may be null), one native call. */
    public static INDArray forward(INDArray x, INDArray mean, INDArray variance, INDArray gamma, INDArray beta,
                                   double eps) {
        INDArray in = Native.contiguous(x);
        INDArray out = Nd4j.createUninitialized(in.dataType(), in.shape());
        java.util.List<INDArray> inputs = new java.util.ArrayList<>(java.util.List.of(in, mean, variance));
        if (gamma != null) {
            inputs.add(gamma);
        }
        if (beta != null) {
            inputs.add(beta);
        }
        Native.exec("batchnorm", inputs.toArray(INDArray[]::new), Native.out(out),
                Native.ints(gamma != null ? 1 : 0, beta != null ? 1 : 0, CHANNEL_AXIS), eps);
        return out;
    }
}
