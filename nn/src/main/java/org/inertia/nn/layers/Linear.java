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
        public Options bias(boolean v) {
            return new Options(in, out, v, dtype, rng);
        }

        public Options dtype(DType v) {
            return new Options(in, out, bias, v, rng);
        }

        public Options rng(Rng v) {
            return new Options(in, out, bias, dtype, v);
        }
    }

    public static Options options(long in, long out) {
        return new Options(in, out, true, DType.DEFAULT, null);
    }

    private final Parameter weight;
    private final Parameter bias;

    public Linear(long in, long out) {
        this(options(in, out));
    }

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

    public Parameter weight() {
        return weight;
    }

    /** The bias, or {@code null} when built without one. */
    public Parameter bias() {
        return bias;
    }
}
