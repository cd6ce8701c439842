package org.inertia.optim;

import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradient descent with (heavy-ball) momentum, in the three forms people write it.
 *
 * <pre>
 *   g ← g + λθ                                         (L2 weight decay, if λ ≠ 0)
 *
 *   PYTORCH (default, torch.optim.SGD(momentum=μ, dampening=τ)):
 *     v ← g                      on the first step
 *     v ← μ v + (1 − τ) g        afterwards
 *     θ ← θ − η v
 *
 *   EMA (the form most tutorials write; v₀ = 0):
 *     v ← β v + (1 − β) g
 *     θ ← θ − η v                or  θ ← θ − η v / (1 − βᵗ)  with bias correction
 *
 *   HEAVY_BALL (Polyak's classical form, η inside the velocity):
 *     v ← β v + η g
 *     θ ← θ − v
 * </pre>
 *
 * PYTORCH and HEAVY_BALL take identical steps while η is constant (v_heavy = η·v_pytorch); under a
 * learning-rate schedule they differ, because the heavy ball keeps old steps at their old η. EMA
 * takes steps (1 − β) times smaller than PYTORCH for the same η: multiply η by 1/(1 − β) to compare.
 * {@link Adaptive} turns on gradient restart or consistency-scaled momentum.
 *
 * <p>State: {@code momentum_buffer} (v) and the steps since v was last reset (for bias correction).
 *
 * <p>See also, for what momentum does over a run rather than in one step:
 * <ul>
 *   <li>the momentum ramp γₜ = γ₀ + (1 − γ₀)·t/T (capped): {@link org.inertia.optim.schedule.Schedules#momentumRamp},
 *       applied with {@link org.inertia.optim.schedule.Scheduler#momentum};</li>
 *   <li>restart every k steps (forget the velocity): {@link org.inertia.optim.schedule.Scheduler#restartMomentumEvery},
 *       or {@link #resetVelocity()} by hand; {@link Adaptive#RESTART} restarts when the gradient turns against v;</li>
 *   <li>layer-wise momentum: one {@link ParamGroup} per layer, each with its own {@code momentum}
 *       ({@link Optimizer#addParamGroup} for layers added later);</li>
 *   <li>docs/optimizers.md: why momentum helps on a narrow valley and which β suits its condition number.</li>
 * </ul>
 */
public final class Momentum extends Optimizer {
    static final String VELOCITY = "momentum_buffer";

    /** How the velocity is written; see the class comment. */
    public enum Form {
        /** v = μv + (1 − τ)g (v = g on the first step), θ −= ηv: PyTorch's SGD with momentum. */
        PYTORCH,
        /** v = βv + (1 − β)g from v = 0, θ −= ηv (optionally bias-corrected): the form most tutorials write. */
        EMA,
        /** v = βv + ηg, θ −= v: Polyak's heavy ball (η inside the velocity; differs under schedules). */
        HEAVY_BALL
    }

    /**
     * @param lr             learning rate η (default 1e-3)
     * @param momentum       momentum μ or β, in [0, 1) (default 0.9)
     * @param dampening      τ, PYTORCH form only, in [0, 1] (default 0)
     * @param weightDecay    L2 penalty λ (default 0)
     * @param form           PYTORCH (default), EMA or HEAVY_BALL
     * @param biasCorrection divide by 1 − βᵗ, EMA form only (default false)
     * @param adaptive       NONE (default), RESTART or CONSISTENCY
     */
    public record Options(double lr, double momentum, double dampening, double weightDecay, Form form,
                          boolean biasCorrection, Adaptive adaptive) implements Hyperparameters {
        /** A copy with {@code lr} set to the given value (checked when an optimizer adopts it). */
        public Options lr(double v) {
            return new Options(v, momentum, dampening, weightDecay, form, biasCorrection, adaptive);
        }

        /** A copy with {@code momentum} set to the given value (checked when an optimizer adopts it). */
        public Options momentum(double v) {
            return new Options(lr, v, dampening, weightDecay, form, biasCorrection, adaptive);
        }

        /** A copy with {@code dampening} set to the given value (checked when an optimizer adopts it). */
        public Options dampening(double v) {
            return new Options(lr, momentum, v, weightDecay, form, biasCorrection, adaptive);
        }

        /** A copy with {@code weightDecay} set to the given value (checked when an optimizer adopts it). */
        public Options weightDecay(double v) {
            return new Options(lr, momentum, dampening, v, form, biasCorrection, adaptive);
        }

        /** A copy with {@code form} set to the given value (checked when an optimizer adopts it). */
        public Options form(Form v) {
            return new Options(lr, momentum, dampening, weightDecay, v, biasCorrection, adaptive);
        }

        /** A copy with {@code biasCorrection} set to the given value (checked when an optimizer adopts it). */
        public Options biasCorrection(boolean v) {
            return new Options(lr, momentum, dampening, weightDecay, form, v, adaptive);
        }

        /** A copy with {@code adaptive} set to the given value (checked when an optimizer adopts it). */
        public Options adaptive(Adaptive v) {
            return new Options(lr, momentum, dampening, weightDecay, form, biasCorrection, v);
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
            Check.unitInterval("momentum", momentum);
            Check.closedUnitInterval("dampening", dampening);
            Check.weightDecay(weightDecay);
            Check.notNull("form", form);
            Check.notNull("adaptive", adaptive);
            if (dampening != 0 && form != Form.PYTORCH) {
                throw new IllegalArgumentException("Invalid dampening value: " + dampening + " (dampening applies to "
                        + "form=PYTORCH only; the " + form + " form has none, set it to 0)");
            }
            if (biasCorrection && form != Form.EMA) {
                throw new IllegalArgumentException("Invalid biasCorrection: true with form=" + form
                        + " (bias correction is defined for form=EMA only, whose velocity starts at 0)");
            }
            if (biasCorrection && adaptive == Adaptive.CONSISTENCY) {
                throw new IllegalArgumentException("Invalid biasCorrection: true with adaptive=CONSISTENCY (bias "
                        + "correction assumes a constant β, consistency scaling changes it every step)");
            }
        }
    }

    /** Momentum's defaults (PyTorch's): start here and change what you need. */
    public static Options options() {
        return new Options(1e-3, 0.9, 0, 0, Form.PYTORCH, false, Adaptive.NONE);
    }

    /** Momentum over {@code params}, one group with {@code options}. */
    public Momentum(Iterable<? extends Tensor> params, Options options) {
        this(ParamGroup.of(params, options));
    }

    /** Momentum over parameter groups, each with its own options (layer-wise learning rates and momenta). */
    public Momentum(ParamGroup... groups) {
        super(Options.class, groups);
    }

    @Override
    protected String velocityBuffer() {
        return VELOCITY;
    }

    @Override
    protected void update(Tensor param, INDArray grad, ParamState state, ParamGroup group) {
        Options o = group.options(Options.class);
        INDArray theta = param.data();
        INDArray g = InPlace.withWeightDecay(grad, theta, o.weightDecay());
        INDArray v = state.get(VELOCITY);
        if (o.adaptive().shouldRestart(g, v)) {
            resetVelocity(state);
            v = null;
        }
        double beta = o.adaptive().coefficient(o.momentum(), g, v);
        state.setStep(state.step() + 1);
        switch (o.form()) {
            case PYTORCH -> {
                if (v == null) {
                    v = state.put(VELOCITY, g.dup());                  // v ← g
                } else if (o.dampening() == 0) {
                    InPlace.scaleAdd(beta, v, g);                      // v ← μv + g
                } else {
                    InPlace.axpy(1 - o.dampening(), g, v.muli(beta));  // v ← μv + (1 − τ)g
                }
                InPlace.axpy(-o.lr(), v, theta);                       // θ ← θ − ηv
            }
            case EMA -> {
                v = state.zerosIfAbsent(VELOCITY, theta);
                InPlace.axpy(1 - beta, g, v.muli(beta));               // v ← βv + (1 − β)g
                double correction = o.biasCorrection() ? 1 - Math.pow(beta, state.step()) : 1;
                InPlace.axpy(-o.lr() / correction, v, theta);          // θ ← θ − ηv / (1 − βᵗ)
            }
            case HEAVY_BALL -> {
                v = state.zerosIfAbsent(VELOCITY, theta);
                InPlace.axpy(o.lr(), g, v.muli(beta));                 // v ← βv + ηg
                theta.subi(v);                                         // θ ← θ − v
            }
        }
    }
}
