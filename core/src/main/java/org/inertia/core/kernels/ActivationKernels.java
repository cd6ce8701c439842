package org.inertia.core.kernels;

import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The fast forms of {@code ops.Activations}: each direction one call to a libnd4j kernel, without the
 * op objects ND4J's Java API builds per call. Same results as the readable forms (the conformance suite
 * runs both).
 */
public final class ActivationKernels {
    private ActivationKernels() {
    }

    /**
     * max(x, 0) as libnd4j's scalar maximum against a shared zero, and step(y) ⊙ g back. Its dedicated
     * {@code relu} / {@code relu_bp} ops apply a function object per element, many times slower
     * (docs/performance.md, "Notes behind the code").
     */
    public static Tensor relu(Tensor x) {
        INDArray in = x.data();
        INDArray out = in.ulike();
        Native.exec("maximum", Native.in(in, ConstantArrays.zero(in.dataType())), Native.out(out), Native.ints());
        return Tensor.fromOp("relu", out, (g, needs) -> {
            INDArray grad = out.ulike();
            Nd4j.exec(new Step(out, grad, 0.0));                             // 1 where y > 0, else 0
            Native.exec("multiply", Native.in(grad, g), Native.out(grad), Native.ints());
            return new INDArray[] {grad};
        }, x);
    }

    /** σ(x), with libnd4j's {@code sigmoid_bp} for σ(x)(1 − σ(x)) ⊙ g. */
    public static Tensor sigmoid(Tensor x) {
        INDArray in = x.data();
        INDArray out = Transforms.sigmoid(in, true);
        return Tensor.fromOp("sigmoid", out, (g, needs) -> {
            INDArray grad = Nd4j.createUninitialized(g.dataType(), g.shape());
            Native.exec("sigmoid_bp", Native.in(in, g), Native.out(grad), Native.ints());
            return new INDArray[] {grad};
        }, x);
    }

    /** tanh x, with libnd4j's {@code tanh_bp} for (1 − tanh²x) ⊙ g. */
    public static Tensor tanh(Tensor x) {
        INDArray in = x.data();
        INDArray out = Transforms.tanh(in, true);
        return Tensor.fromOp("tanh", out, (g, needs) -> {
            INDArray grad = Nd4j.createUninitialized(g.dataType(), g.shape());
            Native.exec("tanh_bp", Native.in(in, g), Native.out(grad), Native.ints());
            return new INDArray[] {grad};
        }, x);
    }

    /**
     * The forward of a float32 softmax along {@code axis} as libnd4j's {@code softmax} (one call). Not
     * for float64: there it returns NaN for a row of very negative logits in a tensor of several rows.
     */
    public static INDArray softmaxFloat32(INDArray in, int axis) {
        INDArray out = Nd4j.createUninitialized(in.dataType(), in.shape());
        Native.exec("softmax", Native.in(in), Native.out(out), Native.ints(axis));
        return out;
    }
}
