package org.inertia.core.ops;

import org.inertia.core.FastPaths;
import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.inertia.core.kernels.ActivationKernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Activation functions and (log-)softmax, each with its derivative beside it. The fast forms of
 * relu, sigmoid, tanh and float32 softmax are in {@link ActivationKernels}.
 */
public final class Activations {
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    private Activations() {
    }

    /** max(x, 0).  d/dx = 1 where x > 0, else 0 (0 at 0, as PyTorch). */
    public static Tensor relu(Tensor x) {
        Shapes.requireFloat("relu", x);
        if (FastPaths.enabled()) {
            return ActivationKernels.relu(x);
        }
        INDArray out = Transforms.max(x.data(), 0.0, true);                           // y = max(x, 0)
        return Tensor.fromOp("relu", out, (g, needs) ->
            new INDArray[] {g.mul(out.gt(0).castTo(g.dataType()))}, x);              // g ⊙ [y > 0]
    }

    /**
     * x where x > 0, else slope·x.  d/dx = 1 where x > 0, else slope (at 0 too, as PyTorch). Written
     * out rather than through libnd4j's {@code lrelu_bp}, which rounds the slope to float32 and passes
     * the whole gradient at 0.
     */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        Shapes.requireFloat("leakyRelu", x);
        if (!Double.isFinite(negativeSlope)) {
            throw new IllegalArgumentException("leakyRelu: negative slope must be finite, got " + negativeSlope);
        }
        INDArray in = x.data();
        INDArray out = Transforms.leakyRelu(in, negativeSlope, true);
        return Tensor.fromOp("leakyRelu", out, (g, needs) -> {
            INDArray positive = in.gt(0).castTo(g.dataType());                       // 1 where x > 0, else 0
            INDArray rest = positive.rsub(1);                                        // 1 where x ≤ 0
            return new INDArray[] {g.mul(positive).addi(g.mul(rest).muli(negativeSlope))};
        }, x);
    }

    /** σ(x) = 1/(1 + e⁻ˣ).  d/dx = σ(x)(1 − σ(x)) = y(1 − y). */
    public static Tensor sigmoid(Tensor x) {
        Shapes.requireFloat("sigmoid", x);
        if (FastPaths.enabled()) {
            return ActivationKernels.sigmoid(x);
        }
        INDArray out = Transforms.sigmoid(x.data(), true);
        return Tensor.fromOp("sigmoid", out, (g, needs) ->
            new INDArray[] {g.mul(out).muli(out.rsub(1))}, x);                       // g ⊙ y ⊙ (1 − y)
    }

    /** tanh x.  d/dx = 1 − tanh²x = 1 − y². */
    public static Tensor tanh(Tensor x) {
        Shapes.requireFloat("tanh", x);
        if (FastPaths.enabled()) {
            return ActivationKernels.tanh(x);
        }
        INDArray out = Transforms.tanh(x.data(), true);
        return Tensor.fromOp("tanh", out, (g, needs) ->
            new INDArray[] {g.mul(out.mul(out).rsubi(1))}, x);                       // g ⊙ (1 − y²)
    }

    /**
     * The exact GELU, x·Φ(x) with Φ the standard normal CDF (PyTorch's default, not the tanh
     * approximation).  d/dx = Φ(x) + x·φ(x), φ the normal density.
     */
    public static Tensor gelu(Tensor x) {
        Shapes.requireFloat("gelu", x);
        INDArray in = x.data();
        INDArray cdf = in.mul(SQRT_HALF);
        Nd4j.exec(new Erf(cdf, cdf));
        cdf.addi(1).muli(0.5);                                                  // Φ(x) = (1 + erf(x/√2)) / 2
        INDArray out = in.mul(cdf);
        return Tensor.fromOp("gelu", out, (g, needs) -> {
            INDArray pdf = Transforms.exp(in.mul(in).muli(-0.5), false).muli(INV_SQRT_2PI);  // φ(x)
            return new INDArray[] {g.mul(pdf.muli(in).addi(cdf))};
        }, x);
    }

    /**
     * e^xᵢ / Σⱼ e^xⱼ along {@code axis}, computed as e^(x − max) / Σ e^(x − max) so it cannot overflow.
     * d/dx = y ⊙ (g − Σ g ⊙ y): the Jacobian diag(y) − y yᵀ applied to g.
     *
     * <p>float32 takes libnd4j's native {@code softmax}; in float64 that kernel returns NaN for a row of
     * very negative logits (e.g. all near −1000) in a tensor of several rows, so float64 always takes
     * the readable form.
     */
    public static Tensor softmax(Tensor x, int axis) {
        Shapes.requireFloat("softmax", x);
        int ax = Shapes.axis("softmax", axis, x.rank());
        INDArray in = x.data();
        INDArray out;
        if (FastPaths.enabled() && in.dataType() == DataType.FLOAT) {
            out = ActivationKernels.softmaxFloat32(in, ax);
        } else {
            INDArray e = Transforms.exp(in.sub(in.max(true, ax)), false);              // e^(x − max)
            out = e.divi(e.sum(true, ax));                                             // / Σ e^(x − max)
        }
        return Tensor.fromOp("softmax", out, (g, needs) -> {
            INDArray dot = g.mul(out).sum(true, ax);
            return new INDArray[] {g.sub(dot).muli(out)};
        }, x);
    }

    /**
     * log softmax along {@code axis}: z − log Σ eᶻ with z = x − max(x), so large logits neither
     * overflow nor lose the small probabilities (libnd4j's own log_softmax returns −∞ there).
     * d/dx = g − softmax(x) · Σ g.
     */
    public static Tensor logSoftmax(Tensor x, int axis) {
        Shapes.requireFloat("logSoftmax", x);
        int ax = Shapes.axis("logSoftmax", axis, x.rank());
        INDArray out = stableLogSoftmax(x.data(), ax);
        return Tensor.fromOp("logSoftmax", out, (g, needs) -> {
            INDArray sum = g.sum(true, ax);
            return new INDArray[] {g.sub(Transforms.exp(out, true).muli(sum))};
        }, x);
    }

    /** z − log Σ eᶻ with z = x − max(x) along {@code axis}. */
    static INDArray stableLogSoftmax(INDArray x, int axis) {
        INDArray shifted = x.sub(x.max(true, axis));
        INDArray logSumExp = Transforms.log(Transforms.exp(shifted, true).sum(true, axis), false);
        return shifted.subi(logSumExp);
    }
}
