package org.inertia.nn.layers;

import org.inertia.core.DType;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.core.ops.MatMul;
import org.inertia.nn.Init;
import org.inertia.nn.Module;
import org.inertia.nn.Parameter;

/**
 * y = x·Wᵀ + b, with W {@code [out, in]} (PyTorch's layout) initialised as PyTorch does:
 * U(−1/√in, 1/√in) for both W and b. One fused op ({@link MatMul#linear}).
 */
public final class Linear extends Module {
    /**
     * @param rng random source for initialisation; {@code null} means {@link Init#generator()}
     */
    public record Options(long in, long out, boolean bias, DType dtype, Rng rng) {
        /** A copy with or without a bias. */
        public Options bias(boolean v) {
            return new Options(in, out, v, dtype, rng);
        }

        /** A copy with the parameters' dtype set. */
        public Options dtype(DType v) {
            return new Options(in, out, bias, v, rng);
        }

        /** A copy initialising from {@code v} instead of the default generator. */
        public Options rng(Rng v) {
            return new Options(in, out, bias, dtype, v);
        }
    }

    /** A layer from {@code in} to {@code out} features, with bias, float32, from the default generator. */
    public static Options options(long in, long out) {
        return new Options(in, out, true, DType.DEFAULT, null);
    }

    private final Parameter weight;
    private final Parameter bias;

    /** A layer from {@code in} to {@code out} features with bias. */
    public Linear(long in, long out) {
        this(options(in, out));
    }

    /** A layer with the given options ({@link #options}). */
    public Linear(Options o) {
        if (o.in() < 1 || o.out() < 1) {
            throw new IllegalArgumentException("Linear: in and out features must be >= 1, got " + o.in() + " and " + o.out());
        }
        weight = registerParameter("weight", Parameter.zeros(o.dtype(), o.out(), o.in()));
        bias = o.bias() ? registerParameter("bias", Parameter.zeros(o.dtype(), o.out())) : null;
        Init.pytorchDefault(weight, bias, o.rng() == null ? Init.generator() : o.rng());
    }

    @Override
    public Tensor forward(Tensor x) {
        return MatMul.linear(x, weight, bias);
    }

    /** The weights, {@code [out, in]}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, or {@code null} when built without one. */
    public Parameter bias() {
        return bias;
    }
}
