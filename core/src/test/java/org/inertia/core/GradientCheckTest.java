package org.inertia.core;

import static org.inertia.core.TestTensors.awayFromZero;
import static org.inertia.core.TestTensors.positive;
import static org.inertia.core.TestTensors.rand;

import java.util.function.Function;
import java.util.stream.Stream;
import org.inertia.core.ops.Activations;
import org.inertia.core.ops.Convolution;
import org.inertia.core.ops.Dropout;
import org.inertia.core.ops.Losses;
import org.inertia.core.ops.MatMul;
import org.inertia.core.ops.Normalization;
import org.inertia.core.ops.Pooling;
import org.inertia.core.ops.Reduction;
import org.inertia.core.ops.Window2d;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every differentiable op against central finite differences in float64 (relative error < 1e-6),
 * including broadcasting shapes and convolution / pooling with stride, padding and dilation.
 */
class GradientCheckTest {
    private static final double TOLERANCE = 1e-6;

    private static Arguments op(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return Arguments.of(name, f, inputs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"elementwise", "reductions", "linearAlgebraAndShapes", "activations", "convolutionAndPooling",
        "normalizationDropoutLosses"})
    void analyticGradientMatchesFiniteDifferences(String name, Function<Tensor[], Tensor> f, Tensor[] inputs) {
        GradCheck.check(name, f, inputs).assertWithin(TOLERANCE);
    }

    /**
     * A first layer: the input needs no gradient, so conv2d computes dW and db as convolutions of
     * their own (not through conv2d_bp). Windows include a stride that leaves input rows unused.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("convWindows")
    void conv2dParameterGradientsWithoutAnInputGradient(String name, long[] inputShape, long[] weightShape,
                                                         Window2d window, boolean bias) {
        Tensor x = rand(inputShape);                                  // a constant: no gradient wanted
        Tensor w = rand(weightShape).requiresGrad(true);
        Tensor b = rand(weightShape[0]).requiresGrad(true);
        Tensor[] leaves = bias ? new Tensor[] {w, b} : new Tensor[] {w};
        GradCheck.checkLeaves(name, () -> Convolution.conv2d(x, w, bias ? b : null, window), leaves)
            .assertWithin(TOLERANCE);
    }

    static Stream<Arguments> convWindows() {
        return Stream.of(
            Arguments.of("1 channel, 5x5 pad 2 (LeNet's first layer)", new long[] {3, 1, 8, 8}, new long[] {2, 1, 5, 5},
                Window2d.square(5, 1, 2, 1), true),
            Arguments.of("3 channels, 3x3", new long[] {2, 3, 6, 5}, new long[] {4, 3, 3, 3}, Window2d.square(3, 1, 0, 1), true),
            Arguments.of("stride 2 pad 1, last row unused", new long[] {2, 2, 8, 7}, new long[] {3, 2, 3, 3},
                Window2d.square(3, 2, 1, 1), true),
            Arguments.of("stride 2 pad 1 dilation 2", new long[] {2, 3, 7, 6}, new long[] {4, 3, 3, 3},
                Window2d.square(3, 2, 1, 2), true),
            Arguments.of("2x3 kernel, stride 1x2, pad 1x0, no bias", new long[] {2, 2, 5, 7}, new long[] {3, 2, 2, 3},
                new Window2d(2, 3, 1, 2, 1, 0, 1, 1), false));
    }

    /** The first-layer path and conv2d_bp give the same parameter gradients (float32, LeNet's shapes). */
    @org.junit.jupiter.api.Test
    void conv2dParameterGradientsAgreeWithOrWithoutAnInputGradient() {
        Rng rng = new Rng(11);
        Tensor x = Tensor.normal(rng, 0, 1, 8, 1, 28, 28);
        Tensor w = Tensor.normal(rng, 0, 0.2, 6, 1, 5, 5).requiresGrad(true);
        Tensor b = Tensor.normal(rng, 0, 0.2, 6).requiresGrad(true);
        Tensor upstream = Tensor.normal(rng, 0, 1, 8, 6, 28, 28);
        Window2d window = Window2d.square(5, 1, 2, 1);
        Convolution.conv2d(x, w, b, window).backward(upstream);
        double[] dwFast = w.grad().toDoubleArray();
        double[] dbFast = b.grad().toDoubleArray();
        w.zeroGrad();
        b.zeroGrad();
        Convolution.conv2d(x.detach().requiresGrad(true), w, b, window).backward(upstream);
        assertClose(w.grad().toDoubleArray(), dwFast);
        assertClose(b.grad().toDoubleArray(), dbFast);
    }

    /** Equal up to float32 rounding: the largest difference within 1e-5 of the largest value. */
    private static void assertClose(double[] expected, double[] actual) {
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
        }
        org.junit.jupiter.api.Assertions.assertTrue(scale > 0 && diff <= 1e-5 * scale,
            "largest difference " + diff + " for values up to " + scale);
    }

    static Stream<Arguments> elementwise() {
        return Stream.of(
            op("add [3,4]+[3,4]", x -> x[0].add(x[1]), rand(3, 4), rand(3, 4)),
            op("add [3,4]+[4] broadcast", x -> x[0].add(x[1]), rand(3, 4), rand(4)),
            op("add [2,3,1]+[3,4] broadcast both", x -> x[0].add(x[1]), rand(2, 3, 1), rand(3, 4)),
            op("add [3,1]+[1,4] outer", x -> x[0].add(x[1]), rand(3, 1), rand(1, 4)),
            op("sub [3,4]-[3,1] broadcast", x -> x[0].sub(x[1]), rand(3, 4), rand(3, 1)),
            op("sub [4]-[2,3,4] broadcast left", x -> x[0].sub(x[1]), rand(4), rand(2, 3, 4)),
            op("mul [2,3,4]*[3,1] broadcast", x -> x[0].mul(x[1]), rand(2, 3, 4), rand(3, 1)),
            op("mul x*x shared operand", x -> x[0].mul(x[0]), rand(3, 4)),
            op("div [3,4]/[4] broadcast", x -> x[0].div(x[1]), rand(3, 4), positive(4)),
            op("div [1,4]/[3,1] broadcast", x -> x[0].div(x[1]), rand(1, 4), positive(3, 1)),
            op("pow [3,4]^[4] broadcast", x -> x[0].pow(x[1]), positive(3, 4), rand(4)),
            op("add scalar", x -> x[0].add(2.5), rand(3, 4)),
            op("sub scalar", x -> x[0].sub(0.75), rand(3, 4)),
            op("mul scalar", x -> x[0].mul(-1.5), rand(3, 4)),
            op("div scalar", x -> x[0].div(4.0), rand(3, 4)),
            op("pow scalar 3", x -> x[0].pow(3.0), rand(3, 4)),
            op("pow scalar -0.5", x -> x[0].pow(-0.5), positive(3, 4)),
            op("neg", x -> x[0].neg(), rand(3, 4)),
            op("exp", x -> x[0].exp(), rand(3, 4)),
            op("log", x -> x[0].log(), positive(3, 4)),
            op("sqrt", x -> x[0].sqrt(), positive(3, 4)),
            op("abs", x -> x[0].abs(), awayFromZero(3, 4)),
            op("clamp", x -> x[0].clamp(-0.5, 0.5),
                TestTensors.f64(new double[] {-0.9, -0.3, 0.1, 0.45, 0.7, -0.6}, 2, 3)),
            op("clamp open above", x -> x[0].clamp(0, Double.POSITIVE_INFINITY),
                TestTensors.f64(new double[] {-0.9, -0.3, 0.1, 0.45, 0.7, -0.6}, 2, 3)));
    }

    static Stream<Arguments> reductions() {
        return Stream.of(
            op("sum all", x -> x[0].sum(), rand(3, 4)),
            op("sum axis 1", x -> x[0].sum(1), rand(3, 4)),
            op("sum axes 0,2 keepDims", x -> x[0].sum(new int[] {0, 2}, true), rand(2, 3, 4)),
            op("sum axis -1", x -> x[0].sum(-1), rand(2, 3, 4)),
            op("mean all", x -> x[0].mean(), rand(3, 4)),
            op("mean axis -1 keepDims", x -> x[0].mean(-1, true), rand(2, 3, 4)),
            op("mean axes 0,1", x -> x[0].mean(new int[] {0, 1}, false), rand(2, 3, 4)),
            op("max all", x -> x[0].max(), rand(3, 4)),
            op("max axis 1", x -> x[0].max(1), rand(3, 4)),
            op("max axis 0 keepDims", x -> x[0].max(0, true), rand(2, 3, 4)),
            op("max axes 0,2", x -> x[0].max(new int[] {0, 2}, false), rand(2, 3, 4)),
            op("min all", x -> x[0].min(), rand(3, 4)),
            op("min axis 1", x -> x[0].min(1), rand(3, 4)),
            op("min axes 1,2 keepDims", x -> x[0].min(new int[] {1, 2}, true), rand(2, 3, 4)));
    }

    static Stream<Arguments> linearAlgebraAndShapes() {
        return Stream.of(
            op("matmul 2-D", x -> x[0].matmul(x[1]), rand(3, 4), rand(4, 5)),
            op("matmul batched", x -> x[0].matmul(x[1]), rand(2, 3, 4), rand(2, 4, 5)),
            op("matmul N-D @ 2-D", x -> x[0].matmul(x[1]), rand(2, 3, 4), rand(4, 5)),
            op("matmul of a transposed view", x -> x[0].transpose(0, 1).matmul(x[1]), rand(4, 3), rand(4, 5)),
            op("linear x·Wᵀ + b", x -> MatMul.linear(x[0], x[1], x[2]), rand(5, 4), rand(3, 4), rand(3)),
            op("linear without bias", x -> MatMul.linear(x[0], x[1], null), rand(5, 4), rand(3, 4)),
            op("linear on 3-D input", x -> MatMul.linear(x[0], x[1], x[2]), rand(2, 5, 4), rand(3, 4), rand(3)),
            op("reshape", x -> x[0].reshape(4, -1), rand(2, 3, 4)),
            op("permute", x -> x[0].permute(2, 0, 1), rand(2, 3, 4)),
            op("transpose", x -> x[0].transpose(0, 2), rand(2, 3, 4)),
            op("flatten from 1", x -> x[0].flatten(1), rand(2, 3, 4)),
            op("concat axis 0", x -> Tensor.concat(0, x[0], x[1]), rand(2, 3), rand(4, 3)),
            op("concat axis 1 of three", x -> Tensor.concat(1, x[0], x[1], x[2]), rand(2, 3), rand(2, 1), rand(2, 2)),
            op("slice rows", x -> x[0].slice(1, 3), rand(4, 3)),
            op("slice rows 4-D", x -> x[0].slice(0, 1), rand(2, 2, 3, 3)),
            op("indexSelect with repeats", x -> x[0].indexSelect(Tensor.ofLongs(3, 0, 3, 1)), rand(4, 3)),
            op("to float64 (no-op)", x -> x[0].to(DType.FLOAT64), rand(3, 4)),
            op("narrow axis 1", x -> x[0].narrow(1, 1, 2), rand(2, 4, 3)),
            op("select axis 2", x -> x[0].select(2, 1), rand(2, 3, 4)),
            op("select negative index", x -> x[0].select(0, -1), rand(3, 4)),
            op("squeeze", x -> x[0].squeeze(1), rand(3, 1, 4)),
            op("unsqueeze", x -> x[0].unsqueeze(0), rand(3, 4)),
            op("expand with a new axis and -1", x -> x[0].expand(2, 3, -1), rand(1, 4)),
            op("expand of [3,1]", x -> x[0].expand(2, 3, 4), rand(3, 1)),
            op("stack axis 1", x -> Tensor.stack(1, x[0], x[1], x[0]), rand(2, 3), rand(2, 3)),
            op("clone", x -> x[0].clone().mul(x[0]), rand(3, 4)),
            op("where", x -> Tensor.where(Tensor.ofLongs(new long[] {1, 0, 0, 1, 1, 0}, 2, 3), x[0], x[1]),
                rand(2, 3), rand(3)));
    }

    static Stream<Arguments> activations() {
        return Stream.of(
            op("relu", x -> x[0].relu(), awayFromZero(3, 4)),
            op("leakyRelu", x -> x[0].leakyRelu(0.1), awayFromZero(3, 4)),
            op("sigmoid", x -> x[0].sigmoid(), rand(3, 4)),
            op("tanh", x -> x[0].tanh(), rand(3, 4)),
            op("gelu", x -> x[0].mul(3).gelu(), rand(3, 4)),
            op("softmax axis 1", x -> x[0].softmax(1), rand(3, 4)),
            op("softmax axis 0", x -> x[0].softmax(0), rand(3, 4)),
            op("softmax 3-D axis -1", x -> x[0].softmax(-1), rand(2, 3, 4)),
            op("logSoftmax axis 1", x -> x[0].logSoftmax(1), rand(3, 4)),
            op("logSoftmax large logits", x -> x[0].mul(300).logSoftmax(1), rand(3, 4)),
            op("logSoftmax axis 0", x -> Activations.logSoftmax(x[0], 0), rand(3, 4)));
    }

    static Stream<Arguments> convolutionAndPooling() {
        Window2d plain = Window2d.square(3, 1, 0, 1);
        Window2d strided = Window2d.square(3, 2, 1, 2);
        Window2d rectangular = new Window2d(2, 3, 1, 2, 1, 0, 1, 1);
        return Stream.of(
            op("conv2d 3x3", x -> Convolution.conv2d(x[0], x[1], x[2], plain), rand(2, 3, 6, 5), rand(4, 3, 3, 3), rand(4)),
            op("conv2d stride 2 pad 1 dilation 2", x -> Convolution.conv2d(x[0], x[1], x[2], strided),
                rand(2, 3, 7, 6), rand(4, 3, 3, 3), rand(4)),
            op("conv2d 2x3 kernel, stride 1x2, pad 1x0, no bias", x -> Convolution.conv2d(x[0], x[1], null, rectangular),
                rand(2, 2, 5, 7), rand(3, 2, 2, 3)),
            op("maxPool2d 2x2", x -> Pooling.maxPool2d(x[0], Window2d.square(2, 2, 0, 1)), rand(2, 3, 4, 6)),
            op("maxPool2d 3x3 stride 2 pad 1 (negative inputs)",
                x -> Pooling.maxPool2d(x[0].sub(2), Window2d.square(3, 2, 1, 1)), rand(2, 2, 7, 7)),
            op("maxPool2d dilation 2", x -> Pooling.maxPool2d(x[0], Window2d.square(2, 1, 0, 2)), rand(1, 2, 5, 5)),
            op("avgPool2d 2x2", x -> Pooling.avgPool2d(x[0], Window2d.square(2, 2, 0, 1), true), rand(2, 3, 4, 6)),
            op("avgPool2d 3x3 stride 2 pad 1 count padding",
                x -> Pooling.avgPool2d(x[0], Window2d.square(3, 2, 1, 1), true), rand(2, 2, 7, 7)),
            op("avgPool2d 3x3 stride 2 pad 1 exclude padding",
                x -> Pooling.avgPool2d(x[0], Window2d.square(3, 2, 1, 1), false), rand(2, 2, 7, 7)));
    }

    static Stream<Arguments> normalizationDropoutLosses() {
        Tensor labels = Tensor.ofLongs(2, 0, 3, 1, 3);
        return Stream.of(
            op("batchNorm 2-D with scale and shift",
                x -> Normalization.batchNorm(x[0], x[1], x[2], 1e-5).output(), rand(5, 3), positive(3), rand(3)),
            op("batchNorm 4-D with scale and shift",
                x -> Normalization.batchNorm(x[0], x[1], x[2], 1e-5).output(), rand(3, 2, 3, 3), positive(2), rand(2)),
            op("batchNorm 4-D without affine", x -> Normalization.batchNorm(x[0], null, null, 1e-5).output(),
                rand(3, 2, 3, 3)),
            op("batchNorm inference", x -> Normalization.batchNormInference(x[0], positive(2).data().sub(1),
                positive(2).data(), x[1], x[2], 1e-5), rand(3, 2, 3, 3), positive(2), rand(2)),
            op("dropout p=0.3 (fixed mask)", x -> Dropout.dropout(x[0], 0.3, true, new Rng(7)), rand(4, 5)),
            op("crossEntropy mean", x -> Losses.crossEntropy(x[0], labels), rand(5, 4)),
            op("crossEntropy sum", x -> Losses.crossEntropy(x[0], labels, Reduction.SUM), rand(5, 4)),
            op("crossEntropy none", x -> Losses.crossEntropy(x[0], labels, Reduction.NONE), rand(5, 4)),
            op("crossEntropy extreme logits", x -> Losses.crossEntropy(x[0].mul(500), labels), rand(5, 4)),
            op("crossEntropy label smoothing 0.1", x -> Losses.crossEntropy(x[0], labels, Reduction.MEAN, 0.1),
                rand(5, 4)),
            op("nll of logSoftmax", x -> Losses.nll(x[0].logSoftmax(1), labels, Reduction.MEAN), rand(5, 4)),
            op("nll sum", x -> Losses.nll(x[0], labels, Reduction.SUM), rand(5, 4)),
            op("bceWithLogits mean", x -> Losses.bceWithLogits(x[0], x[1], Reduction.MEAN), rand(3, 4).mul(4),
                positive(3, 4).div(2)),
            op("bceWithLogits none", x -> Losses.bceWithLogits(x[0], x[1], Reduction.NONE), rand(3, 4).mul(4),
                positive(3, 4).div(2)),
            op("mse mean", x -> Losses.mse(x[0], x[1]), rand(3, 4), rand(3, 4)),
            op("mse sum", x -> Losses.mse(x[0], x[1], Reduction.SUM), rand(3, 4), rand(3, 4)),
            op("mse none", x -> Losses.mse(x[0], x[1], Reduction.NONE), rand(3, 4), rand(3, 4)),
            op("composite: linear, relu, softmax-CE", x -> Losses.crossEntropy(
                x[0].matmul(x[1]).add(x[2]).relu(), labels), rand(5, 3), rand(3, 4), rand(4)));
    }
}
