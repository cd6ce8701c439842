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
        public Options stride(int s) {
            return window(new Window2d(window.kernelH(), window.kernelW(), s, s, window.padH(), window.padW(),
                    window.dilationH(), window.dilationW()));
        }

        public Options padding(int p) {
            return window(new Window2d(window.kernelH(), window.kernelW(), window.strideH(), window.strideW(), p, p,
                    window.dilationH(), window.dilationW()));
        }

        public Options dilation(int d) {
            return window(new Window2d(window.kernelH(), window.kernelW(), window.strideH(), window.strideW(),
                    window.padH(), window.padW(), d, d));
        }

        /** Any kernel, stride, padding and dilation, rectangular ones included. */
        public Options window(Window2d v) {
            return new Options(in, out, v, bias, dtype, rng);
        }

        public Options bias(boolean v) {
            return new Options(in, out, window, v, dtype, rng);
        }

        public Options dtype(DType v) {
            return new Options(in, out, window, bias, v, rng);
        }

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

    public Conv2d(long in, long out, int kernel) {
        this(options(in, out, kernel));
    }

    /** {@code new Conv2d(1, 6, 5, 2)}: a 5x5 kernel with padding 2. */
    public Conv2d(long in, long out, int kernel, int padding) {
        this(options(in, out, kernel).padding(padding));
    }

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

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public Window2d window() {
        return window;
    }
}
