package org.inertia.optim;

import java.util.IdentityHashMap;
import java.util.Map;
import org.inertia.core.MemoryScope;
import org.inertia.core.NoGrad;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Nesterov's accelerated gradient (NAG), in PyTorch's form and in the textbook look-ahead form.
 *
 * <pre>
 *   PYTORCH (default, torch.optim.SGD(momentum=μ, nesterov=True)):
 *     g ← g + λθ                  (L2 weight decay, if λ ≠ 0)
 *     v ← g on the first step, then v ← μ v + g
 *     θ ← θ − η (g + μ v)
 *
 *   LOOKAHEAD (Sutskever et al. 2013; needs step(closure)):
 *     g ← ∇f(θ − βv) + λ(θ − βv)  (the gradient at the look-ahead point)
 *     v ← β v + η g
 *     θ ← θ − v
 * </pre>
 *
 * They are one algorithm: the PyTorch iterate is the look-ahead form's φ = θ − βv (with the PyTorch
 * velocity scaled by η), so PyTorch evaluates the gradient at its own parameters and needs no
 * closure. The look-ahead form moves the parameters to θ − βv, calls the closure there, and moves
 * them back before updating. Dampening is not allowed (as in PyTorch). {@link Adaptive} turns on
 * gradient restart or consistency-scaled momentum; in either form the step that restarts is a plain
 * gradient step (for the PyTorch form the velocity is then empty, so the next step is a first step).
 *
 * <p>State: {@code momentum_buffer} (v).
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
public final class Nesterov extends Optimizer {
    static final String VELOCITY = Momentum.VELOCITY;

    /** PYTORCH (gradient at θ) or LOOKAHEAD (gradient at θ − βv, via a closure). */
    public enum Form {
        /** v = μv + g, θ −= η(g + μv), with the gradient at θ: PyTorch's {@code nesterov=True}. */
        PYTORCH,
        /** v = βv + η∇f(θ − βv), θ −= v: the gradient at the look-ahead point, through {@code step(closure)}. */
        LOOKAHEAD
    }

    /**
     * @param lr          learning rate η (default 1e-3)
     * @param momentum    μ or β, in (0, 1) (default 0.9)
     * @param dampening   must be 0 (kept for PyTorch parity and a clear error)
     * @param weightDecay L2 penalty λ (default 0)
     * @param form        PYTORCH (default) or LOOKAHEAD
     * @param adaptive    NONE (default), RESTART or CONSISTENCY
     */
    public record Options(double lr, double momentum, double dampening, double weightDecay, Form form,
                          Adaptive adaptive) implements Hyperparameters {
        /** A copy with {@code lr} set to the given value (checked when an optimizer adopts it). */
        public Options lr(double v) {
            return new Options(v, momentum, dampening, weightDecay, form, adaptive);
        }

        /** A copy with {@code momentum} set to the given value (checked when an optimizer adopts it). */
        public Options momentum(double v) {
            return new Options(lr, v, dampening, weightDecay, form, adaptive);
        }

        /** A copy with {@code dampening} set to the given value (checked when an optimizer adopts it). */
        public Options dampening(double v) {
            return new Options(lr, momentum, v, weightDecay, form, adaptive);
        }

        /** A copy with {@code weightDecay} set to the given value (checked when an optimizer adopts it). */
        public Options weightDecay(double v) {
            return new Options(lr, momentum, dampening, v, form, adaptive);
        }

        /** A copy with {@code form} set to the given value (checked when an optimizer adopts it). */
        public Options form(Form v) {
            return new Options(lr, momentum, dampening, weightDecay, v, adaptive);
        }

        /** A copy with {@code adaptive} set to the given value (checked when an optimizer adopts it). */
        public Options adaptive(Adaptive v) {
            return new Options(lr, momentum, dampening, weightDecay, form, v);
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
            if (momentum <= 0 || dampening != 0) {
                throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening (got "
                        + "momentum=" + momentum + ", dampening=" + dampening + "; momentum must be in (0, 1) and "
                        + "dampening 0)");
            }
        }
    }

    /** Nesterov's defaults (PyTorch's): start here and change what you need. */
    public static Options options() {
        return new Options(1e-3, 0.9, 0, 0, Form.PYTORCH, Adaptive.NONE);
    }

    /** Look-ahead form: scratch copies of θ while the closure sees θ − βv (reused across steps). */
    private final Map<Tensor, INDArray> lookAheadOrigin = new IdentityHashMap<>();
    /** True while step() runs on a gradient the closure computed at the look-ahead point. */
    private boolean lookAheadGradient;

    /** Nesterov over {@code params}, one group with {@code options}. */
    public Nesterov(Iterable<? extends Tensor> params, Options options) {
        this(ParamGroup.of(params, options));
    }

    /** Nesterov over parameter groups, each with its own options (layer-wise learning rates and momenta). */
    public Nesterov(ParamGroup... groups) {
        super(Options.class, groups);
    }

    @Override
    protected String velocityBuffer() {
        return VELOCITY;
    }

    /**
     * For LOOKAHEAD groups: moves θ to θ − βv, evaluates the closure there, moves θ back exactly,
     * then steps with that gradient. PYTORCH groups just evaluate and step.
     */
    @Override
    public Tensor step(Closure closure) {
        java.util.Objects.requireNonNull(closure, "closure");
        java.util.List<Tensor> moved = NoGrad.get(this::moveToLookAhead);
        Tensor loss;
        try {
            loss = closure.evaluate();
        } finally {
            NoGrad.run(() -> moved.forEach(p -> p.data().assign(lookAheadOrigin.get(p))));   // θ back
        }
        lookAheadGradient = true;
        try {
            step();
        } finally {
            lookAheadGradient = false;
        }
        return loss;
    }

    private java.util.List<Tensor> moveToLookAhead() {
        java.util.List<Tensor> moved = new java.util.ArrayList<>();
        for (ParamGroup group : paramGroups()) {
            Options o = group.options(Options.class);
            for (Tensor p : group.params()) {
                ParamState s = state(p);
                INDArray v = s == null ? null : s.get(VELOCITY);
                if (o.form() == Form.LOOKAHEAD && v != null) {
                    INDArray theta = p.data();
                    lookAheadOrigin.computeIfAbsent(p, k -> MemoryScope.persistent(theta::ulike)).assign(theta);
                    InPlace.axpy(-o.momentum(), v, theta);                     // θ ← θ − βv
                    moved.add(p);
                }
            }
        }
        return moved;
    }

    @Override
    protected void checkReadyForStep() {
        if (lookAheadGradient) {
            return;
        }
        for (ParamGroup group : paramGroups()) {
            if (group.options(Options.class).form() == Form.LOOKAHEAD) {
                throw new IllegalStateException("Nesterov form=LOOKAHEAD needs step(closure): the gradient must be "
                        + "evaluated at the look-ahead point θ − βv, which step() cannot do");
            }
        }
    }

    @Override
    protected void update(Tensor param, INDArray grad, ParamState state, ParamGroup group) {
        Options o = group.options(Options.class);
        INDArray theta = param.data();
        INDArray v = state.get(VELOCITY);
        INDArray g = o.form() == Form.PYTORCH
                ? InPlace.withWeightDecay(grad, theta, o.weightDecay())
                : lookAheadWeightDecay(grad, theta, v, o);
        boolean restart = o.adaptive().shouldRestart(g, v);
        if (restart) {
            resetVelocity(state);
            v = null;
        }
        double beta = o.adaptive().coefficient(o.momentum(), g, v);
        state.setStep(state.step() + 1);
        if (o.form() == Form.PYTORCH) {
            if (restart) {
                // O'Donoghue & Candès: the parameter is the look-ahead sequence y; restarting sets it
                // back on the plain sequence, a plain gradient step with no velocity after it.
                InPlace.axpy(-o.lr(), g, theta);                           // θ ← θ − ηg
                return;
            }
            if (v == null) {
                v = state.put(VELOCITY, g.dup());                          // v ← g
            } else {
                InPlace.scaleAdd(beta, v, g);                              // v ← μv + g
            }
            InPlace.axpy(-o.lr(), g, theta);                               // θ ← θ − η(g + μv),
            InPlace.axpy(-o.lr() * beta, v, theta);                        //   as two in-place steps
        } else {
            v = state.zerosIfAbsent(VELOCITY, theta);
            InPlace.axpy(o.lr(), g, v.muli(beta));                         // v ← βv + ηg
            theta.subi(v);                                                 // θ ← θ − v
        }
    }

    /** g + λ(θ − βv): the L2 gradient belongs to the point the closure saw. */
    private static INDArray lookAheadWeightDecay(INDArray grad, INDArray theta, INDArray v, Options o) {
        if (o.weightDecay() == 0) {
            return grad;
        }
        INDArray g = InPlace.axpy(o.weightDecay(), theta, grad.dup());
        return v == null ? g : InPlace.axpy(-o.weightDecay() * o.momentum(), v, g);
    }
}
