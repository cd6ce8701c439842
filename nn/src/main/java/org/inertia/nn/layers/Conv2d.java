package org.inertia.nn.layers;

import org.inertia.core.DType;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Convolution;
import org.inertia.core.ops.Window2d;
import org.inertia.nn.Init;
import org.inertia.nn.Module;
import org.inertia.nn.Parameter;

/**
 * 2-D convolution over NCHW batches, weight {@code [out, in, kh, kw]} (PyTorch's layout),
 * initialised as PyTorch does: U(−1/√(in·kh·kw), 1/√(in·kh·kw)) for weight and bias.
 */
public final class Conv2d extends Module {
    /** @param rng random source for initialisation; {@code null} means {@link Init#generator()} */
    public record Options(long in, long out, Window2d window, boolean bias, DType dtype, Rng rng) {
        /** A copy with the same stride on both axes. */
        public Options stride(int s) {
            return window(new Window2d(window.kernelH(), window.kernelW(), s, s, window.padH(), window.padW(),
                    window.dilationH(), window.dilationW()));
        }

        /** A copy with the same zero padding on both axes. */
        public Options padding(int p) {
            return window(new Window2d(window.kernelH(), window.kernelW(), window.strideH(), window.strideW(), p, p,
                    window.dilationH(), window.dilationW()));
        }

        /** A copy with the same dilation on both axes. */
        public Options dilation(int d) {
            return window(new Window2d(window.kernelH(), window.kernelW(), window.strideH(), window.strideW(),
                    window.padH(), window.padW(), d, d));
        }

        /** Any kernel, stride, padding and dilation, rectangular ones included. */
        public Options window(Window2d v) {
            return new Options(in, out, v, bias, dtype, rng);
        }

        /** A copy with or without a bias. */
        public Options bias(boolean v) {
            return new Options(in, out, window, v, dtype, rng);
        }

        /** A copy with the parameters' dtype set. */
        public Options dtype(DType v) {
            return new Options(in, out, window, bias, v, rng);
        }

        /** A copy initialising from {@code v} instead of the default generator. */
        public Options rng(Rng v) {
            return new Options(in, out, window, bias, dtype, v);
        }
    }

    /** A square {@code kernel}, stride 1, no padding, no dilation, with bias. */
    public static Options options(long in, long out, int kernel) {
        return new Options(in, out, Window2d.square(kernel, 1, 0, 1), true, DType.DEFAULT, null);
    }

    private final Parameter weight;
    private final Parameter bias;
    private final Window2d window;

    /** A convolution from {@code in} to {@code out} channels with a square {@code kernel}, stride 1, no padding, with bias. */
    public Conv2d(long in, long out, int kernel) {
        this(options(in, out, kernel));
    }

    /** {@code new Conv2d(1, 6, 5, 2)}: a 5x5 kernel with padding 2. */
    public Conv2d(long in, long out, int kernel, int padding) {
        this(options(in, out, kernel).padding(padding));
    }

    /** A convolution with the given options ({@link #options}). */
    public Conv2d(Options o) {
        if (o.in() < 1 || o.out() < 1) {
            throw new IllegalArgumentException("Conv2d: in and out channels must be >= 1, got " + o.in() + " and "
                    + o.out());
        }
        window = o.window();
        weight = registerParameter("weight", Parameter.zeros(o.dtype(), o.out(), o.in(), window.kernelH(),
                window.kernelW()));
        bias = o.bias() ? registerParameter("bias", Parameter.zeros(o.dtype(), o.out())) : null;
        Init.pytorchDefault(weight, bias, o.rng() == null ? Init.generator() : o.rng());
    }

    @Override
    public Tensor forward(Tensor x) {
        return Convolution.conv2d(x, weight, bias, window);
    }

    /** The kernels, {@code [out, in, kH, kW]}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias {@code [out]}, or {@code null} without one. */
    public Parameter bias() {
        return bias;
    }

    /** Kernel size, stride, padding and dilation. */
    public Window2d window() {
        return window;
    }
}
