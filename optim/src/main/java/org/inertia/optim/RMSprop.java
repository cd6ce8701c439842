package org.inertia.optim;

import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * RMSprop with optional momentum and centring, as {@code torch.optim.RMSprop}.
 *
 * <pre>
 *   g ← g + λθ                              (L2 weight decay, if λ ≠ 0)
 *   s ← α s + (1 − α) g²                    (running mean of squared gradients)
 *   centered:  m ← α m + (1 − α) g,  d ← √(s − m²) + ε
 *   otherwise:                       d ← √s + ε
 *   momentum μ > 0:  b ← μ b + g / d,  θ ← θ − η b
 *   otherwise:                         θ ← θ − η g / d
 * </pre>
 *
 * Each coordinate's step is scaled by its recent gradient magnitude, so steep and flat directions
 * move at similar speeds; momentum then smooths the scaled steps. A good choice for noisy or badly
 * scaled problems. PyTorch calls the smoothing constant α ({@code alpha}), not ρ.
 *
 * <p>State: {@code square_avg} (s), {@code grad_avg} (m, centered only), {@code momentum_buffer} (b).
 */
public final class RMSprop extends Optimizer {
    static final String SQUARE_AVG = "square_avg";
    static final String GRAD_AVG = "grad_avg";
    static final String VELOCITY = "momentum_buffer";

    /**
     * @param lr          learning rate η (default 0.01)
     * @param alpha       smoothing constant α, in [0, 1) (default 0.99)
     * @param eps         ε added to the denominator, > 0 (default 1e-8)
     * @param weightDecay L2 penalty λ (default 0)
     * @param momentum    μ, in [0, 1) (default 0)
     * @param centered    normalise by the variance instead of the raw second moment (default false)
     */
    public record Options(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered)
            implements Hyperparameters {
        /** A copy with {@code lr} set to the given value (checked when an optimizer adopts it). */
        public Options lr(double v) {
            return new Options(v, alpha, eps, weightDecay, momentum, centered);
        }

        /** A copy with {@code alpha} set to the given value (checked when an optimizer adopts it). */
        public Options alpha(double v) {
            return new Options(lr, v, eps, weightDecay, momentum, centered);
        }

        /** A copy with {@code eps} set to the given value (checked when an optimizer adopts it). */
        public Options eps(double v) {
            return new Options(lr, alpha, v, weightDecay, momentum, centered);
        }

        /** A copy with {@code weightDecay} set to the given value (checked when an optimizer adopts it). */
        public Options weightDecay(double v) {
            return new Options(lr, alpha, eps, v, momentum, centered);
        }

        /** A copy with {@code momentum} set to the given value (checked when an optimizer adopts it). */
        public Options momentum(double v) {
            return new Options(lr, alpha, eps, weightDecay, v, centered);
        }

        /** A copy with {@code centered} set to the given value (checked when an optimizer adopts it). */
        public Options centered(boolean v) {
            return new Options(lr, alpha, eps, weightDecay, momentum, v);
        }

        @Override
        public Options withLr(double v) {
            return lr(v);
        }

        @Override
        public Options withMomentum(double v) {
            return momentum(v);
        }

        @Override
        public void validate() {
            Check.learningRate(lr);
            Check.unitInterval("alpha", alpha);
            Check.epsilon(eps);
            Check.weightDecay(weightDecay);
            Check.unitInterval("momentum", momentum);
        }
    }

    /** RMSprop's defaults (PyTorch's): start here and change what you need. */
    public static Options options() {
        return new Options(0.01, 0.99, 1e-8, 0, 0, false);
    }

    /** RMSprop over {@code params}, one group with {@code options}. */
    public RMSprop(Iterable<? extends Tensor> params, Options options) {
        this(ParamGroup.of(params, options));
    }

    /** RMSprop over parameter groups, each with its own options (layer-wise learning rates and momenta). */
    public RMSprop(ParamGroup... groups) {
        super(Options.class, groups);
    }

    @Override
    protected String velocityBuffer() {
        return VELOCITY;
    }

    /** Momentum restart drops only b: the running averages are statistics, not velocity. */
    @Override
    protected void resetVelocity(ParamState s) {
        s.remove(VELOCITY);
    }

    @Override
    protected void update(Tensor param, INDArray grad, ParamState state, ParamGroup group) {
        Options o = group.options(Options.class);
        INDArray theta = param.data();
        INDArray g = InPlace.withWeightDecay(grad, theta, o.weightDecay());
        state.setStep(state.step() + 1);

        INDArray s = state.zerosIfAbsent(SQUARE_AVG, theta);
        InPlace.axpy(1 - o.alpha(), g.mul(g), s.muli(o.alpha()));           // s ← αs + (1 − α)g²
        INDArray d;
        if (o.centered()) {
            INDArray m = state.zerosIfAbsent(GRAD_AVG, theta);
            InPlace.axpy(1 - o.alpha(), g, m.muli(o.alpha()));             // m ← αm + (1 − α)g
            d = Transforms.sqrt(s.sub(m.mul(m)), false).addi(o.eps());      // d ← √(s − m²) + ε
        } else {
            d = Transforms.sqrt(s, true).addi(o.eps());                     // d ← √s + ε
        }
        if (o.momentum() > 0) {
            INDArray b = state.zerosIfAbsent(VELOCITY, theta);
            b.muli(o.momentum()).addi(g.div(d));                            // b ← μb + g/d
            InPlace.axpy(-o.lr(), b, theta);                                // θ ← θ − ηb
        } else {
            InPlace.axpy(-o.lr(), g.div(d), theta);                         // θ ← θ − η g/d
        }
    }
}
