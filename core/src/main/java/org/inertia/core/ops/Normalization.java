package org.inertia.core.ops;

import org.inertia.core.FastPaths;
import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.inertia.core.kernels.BatchNormKernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation over the channel axis (axis 1) of {@code [N, C]} or {@code [N, C, H, W]}:
 * y = γ · (x − μ) / √(σ² + ε) + β, per channel.
 *
 * <p>{@link #batchNorm} is the training form: μ and σ² are the statistics of this batch (σ² biased,
 * as PyTorch normalises), so the gradient also flows through them. {@link #batchNormInference} normalises
 * with given (running) statistics, which are constants to the gradient. Keeping running statistics
 * is the layer's job ({@code nn.BatchNorm2d}).
 */
public final class Normalization {
    private Normalization() {
    }

    /** The normalised batch plus the batch statistics it used (for the layer's running averages). */
    public record BatchNormResult(Tensor output, INDArray mean, INDArray variance) {
    }

    /**
     * Training-mode batch norm. The gradient flows through the batch statistics as well:
     *
     * <pre>
     *   x̂ = (x − μ) / √(σ² + ε)
     *   dβ = Σ g,   dγ = Σ g·x̂
     *   dx = γ / √(σ² + ε) · (g − mean(g) − x̂ · mean(g·x̂))
     * </pre>
     *
     * sums and means over every axis but the channel axis. That is the exact form; float32 batches with
     * γ and β take {@link BatchNormKernels} instead, whose native backward keeps 1/N in single precision
     * (float64 gradients would only be float32-accurate) and aborts the JVM without γ.
     *
     * @param gamma scale {@code [C]} or {@code null}; @param beta shift {@code [C]} or {@code null}
     */
    public static BatchNormResult batchNorm(Tensor x, Tensor gamma, Tensor beta, double eps) {
        int[] statAxes = check("batchNorm", x, gamma, beta, eps);
        if (x.numel() / x.shape()[1] < 2) {
            throw new IllegalArgumentException("batchNorm: training needs more than one value per channel to estimate "
                    + "a variance, got input " + Shapes.str(x.shape()));
        }
        INDArray in = x.data();
        INDArray mean = in.mean(statAxes);                                              // μ
        INDArray variance = in.var(false, statAxes);                                    // σ², biased
        if (FastPaths.enabled() && in.dataType() == DataType.FLOAT && gamma != null && beta != null) {
            return new BatchNormResult(BatchNormKernels.training(x, gamma, beta, mean, variance, eps), mean, variance);
        }
        long[] channel = channelShape(in);
        INDArray invStd = Transforms.pow(variance.add(eps), -0.5, false).reshape(channel); // 1/√(σ²+ε)
        INDArray out = scaleAndShift(in.sub(mean.reshape(channel)).muli(invStd), gamma, beta, channel);
        Tensor result = Tensor.fromOp("batchNorm", out, (g, needs) ->
                backwardReference(in, mean, variance, gamma, beta, g, statAxes, eps, needs), tensors(x, gamma, beta));
        return new BatchNormResult(result, mean, variance);
    }

    /** γ·x̂ + β per channel, in place on x̂ (γ, β may be null). */
    private static INDArray scaleAndShift(INDArray xHat, Tensor gamma, Tensor beta, long[] channel) {
        if (gamma != null) {
            xHat.muli(gamma.data().reshape(channel));
        }
        if (beta != null) {
            xHat.addi(beta.data().reshape(channel));
        }
        return xHat;
    }

    /** The backward above, as written: plain ND4J calls per line of the formula. */
    private static INDArray[] backwardReference(INDArray x, INDArray mean, INDArray variance, Tensor gamma, Tensor beta,
                                                INDArray g, int[] statAxes, double eps, boolean[] needs) {
        long[] channelShape = channelShape(x);
        INDArray invStd = Transforms.pow(variance.add(eps), -0.5, false).reshape(channelShape);   // 1/√(σ²+ε)
        INDArray xHat = x.sub(mean.reshape(channelShape)).muli(invStd);                          // x̂
        INDArray gradBeta = g.sum(statAxes);                                                     // Σ g
        INDArray gradGamma = g.mul(xHat).sum(statAxes);                                          // Σ g·x̂
        INDArray gradIn = null;
        if (needs[0]) {
            double n = x.length() / x.size(1);
            INDArray scale = gamma == null ? invStd : invStd.mul(gamma.data().reshape(channelShape));
            gradIn = g.sub(gradBeta.div(n).reshape(channelShape))                                // g − mean(g)
                    .subi(xHat.muli(gradGamma.div(n).reshape(channelShape)))                     //   − x̂·mean(g·x̂)
                    .muli(scale);                                                                // · γ/√(σ²+ε)
        }
        return grads(gradIn, gamma, gradGamma, beta, gradBeta);
    }

    /** [1, C] or [1, C, 1, 1]: a per-channel vector shaped to broadcast against the input. */
    private static long[] channelShape(INDArray x) {
        long[] shape = new long[x.rank()];
        java.util.Arrays.fill(shape, 1);
        shape[1] = x.size(1);
        return shape;
    }

    /**
     * Inference-mode batch norm with fixed statistics (constants to the gradient):
     * d/dx = γ/√(σ²+ε) · g,  d/dγ = Σ g · x̂,  d/dβ = Σ g, sums over all axes but the channel axis.
     */
    public static Tensor batchNormInference(Tensor x, INDArray mean, INDArray variance, Tensor gamma, Tensor beta,
                                            double eps) {
        int[] statAxes = check("batchNormInference", x, gamma, beta, eps);
        long channels = x.shape()[1];
        if (mean.length() != channels || variance.length() != channels) {
            throw new IllegalArgumentException("batchNormInference: running statistics have " + mean.length() + " and "
                    + variance.length() + " values but the input " + Shapes.str(x.shape()) + " has " + channels
                    + " channels");
        }
        INDArray in = x.data();
        INDArray mu = mean.castTo(in.dataType()).reshape(channels);
        INDArray var = variance.castTo(in.dataType()).reshape(channels);
        long[] channelShape = channelShape(in);
        INDArray out = FastPaths.enabled()
                ? BatchNormKernels.forward(in, mu, var, gamma == null ? null : gamma.data(), beta == null ? null : beta.data(), eps)
                : scaleAndShift(in.sub(mu.reshape(channelShape)).muli(Transforms.pow(var.add(eps), -0.5, false)
                        .reshape(channelShape)), gamma, beta, channelShape);
        Tensor[] tensors = tensors(x, gamma, beta);
        return Tensor.fromOp("batchNormInference", out, (g, needs) -> {
            INDArray invStd = Transforms.pow(var.add(eps), -0.5, false).reshape(channelShape);
            INDArray scale = gamma == null ? invStd : invStd.mul(gamma.data().reshape(channelShape));
            INDArray gradIn = needs[0] ? g.mul(scale) : null;
            INDArray gradGamma = null;
            if (gamma != null && needs[1]) {
                INDArray normalized = in.sub(mu.reshape(channelShape)).muli(invStd);
                gradGamma = g.mul(normalized).sum(statAxes);
            }
            INDArray gradBeta = beta != null && needs[tensors.length - 1] ? g.sum(statAxes) : null;
            return grads(gradIn, gamma, gradGamma, beta, gradBeta);
        }, tensors);
    }

    private static int[] check(String op, Tensor x, Tensor gamma, Tensor beta, double eps) {
        Shapes.requireFloat(op, x);
        if (x.rank() != 2 && x.rank() != 4) {
            throw new IllegalArgumentException(op + ": input must be [batch, channels] or [batch, channels, height, "
                    + "width], got shape " + Shapes.str(x.shape()));
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException(op + ": eps must be > 0, got " + eps);
        }
        long channels = x.shape()[1];
        for (Tensor p : new Tensor[] {gamma, beta}) {
            if (p != null) {
                Shapes.requireSameFloatType(op, x, p);
                if (p.rank() != 1 || p.shape()[0] != channels) {
                    throw new IllegalArgumentException(op + ": scale/shift " + Shapes.str(p.shape()) + " must be ["
                            + channels + "], one value per channel of input " + Shapes.str(x.shape()));
                }
            }
        }
        return x.rank() == 2 ? new int[] {0} : new int[] {0, 2, 3};
    }

    private static Tensor[] tensors(Tensor x, Tensor gamma, Tensor beta) {
        return java.util.stream.Stream.of(x, gamma, beta).filter(java.util.Objects::nonNull).toArray(Tensor[]::new);
    }

    /** Gradients in the order of {@link #tensors}: x, then γ and β where present. */
    private static INDArray[] grads(INDArray gradIn, Tensor gamma, INDArray gradGamma, Tensor beta, INDArray gradBeta) {
        java.util.List<INDArray> out = new java.util.ArrayList<>(3);
        out.add(gradIn);
        if (gamma != null) {
            out.add(gradGamma);
        }
        if (beta != null) {
            out.add(gradBeta);
        }
        return out.toArray(new INDArray[0]);
    }
}
