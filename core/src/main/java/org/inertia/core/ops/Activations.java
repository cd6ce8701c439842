package org.inertia.core.ops;

import org.inertia.core.FastPaths;
import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Activation functions and (log-)softmax. Where libnd4j has a native backward op for an activation
 * the backward makes that one call; the formula it computes is in the comment.
 */
public final class Activations {
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    private Activations() {
    }

    /**
     * max(x, 0).  d/dx = 1 where x > 0, else 0, i.e. step(y) for the output y.
     *
     * <p>Both directions use libnd4j's plain vectorised scalar and pairwise kernels (max with a scalar,
     * step, multiply): its dedicated {@code relu} / {@code relu_bp} ops apply a function object per
     * element and were 10–20x slower on the benchmark shapes (docs/performance.md).
     */
    public static Tensor relu(Tensor x) {
        Shapes.requireFloat("relu", x);
        INDArray in = x.data();
        INDArray out = in.ulike();
        // y = max(x, 0): libnd4j's maximum against a shared zero scalar runs the scalar max kernel, minus the
        // ScalarMax op object Nd4j.exec would build
        Native.exec("maximum", Native.in(in, ConstantArrays.zero(in.dataType())), Native.out(out), Native.ints());
        return Tensor.fromOp("relu", out, (g, needs) -> {
            INDArray grad = out.ulike();
            Nd4j.exec(new Step(out, grad, 0.0));                             // 1 where y > 0, else 0
            // dL/dx = g ⊙ step(y): libnd4j's multiply, as grad.muli(g) would run it, minus the op object
            Native.exec("multiply", Native.in(grad, g), Native.out(grad), Native.ints());
            return new INDArray[] {grad};
        }, x);
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

    /** σ(x) = 1/(1 + e⁻ˣ).  d/dx = σ(x)(1 − σ(x)). */
    public static Tensor sigmoid(Tensor x) {
        Shapes.requireFloat("sigmoid", x);
        INDArray in = x.data();
        INDArray out = Transforms.sigmoid(in, true);
        return Tensor.fromOp("sigmoid", out, (g, needs) -> {
            INDArray grad = Nd4j.createUninitialized(g.dataType(), g.shape());
            Native.exec("sigmoid_bp", Native.in(in, g), Native.out(grad), Native.ints());
            return new INDArray[] {grad};
        }, x);
    }

    /** tanh x.  d/dx = 1 − tanh²x. */
    public static Tensor tanh(Tensor x) {
        Shapes.requireFloat("tanh", x);
        INDArray in = x.data();
        INDArray out = Transforms.tanh(in, true);
        return Tensor.fromOp("tanh", out, (g, needs) -> {
            INDArray grad = Nd4j.createUninitialized(g.dataType(), g.shape());
            Native.exec("tanh_bp", Native.in(in, g), Native.out(grad), Native.ints());
            return new INDArray[] {grad};
        }, x);
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
            out = Nd4j.createUninitialized(in.dataType(), in.shape());
            Native.exec("softmax", Native.in(in), Native.out(out), Native.ints(ax));
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
