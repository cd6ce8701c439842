package org.inertia.optim;

import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam (Kingma &amp; Ba), as {@code torch.optim.Adam}: momentum on the gradient (first moment m) with
 * a per-coordinate step size from the second moment v, both bias-corrected.
 *
 * <pre>
 *   g ← g + λθ                 (L2 weight decay, if λ ≠ 0: it is scaled by 1/√v like the loss)
 *   then the moment update of {@link AdamStep}:
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²
 *   θ ← θ − η m̂ / (√v̂ + ε),   m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)
 * </pre>
 *
 * The default first choice for most networks. Prefer {@link AdamW} when you want weight decay:
 * Adam's L2 term is divided by √v̂ like everything else, so large-gradient weights are barely
 * regularised.
 *
 * <p>State: {@code exp_avg} (m), {@code exp_avg_sq} (v), {@code max_exp_avg_sq} (AMSGrad), step t.
 */
public final class Adam extends Optimizer {

    /** Adam's defaults (PyTorch's): start here and change what you need. */
    public static AdamOptions options() {
        return new AdamOptions(1e-3, 0.9, 0.999, 1e-8, 0, false);
    }

    /** Adam over {@code params}, one group with {@code options}. */
    public Adam(Iterable<? extends Tensor> params, AdamOptions options) {
        this(ParamGroup.of(params, options));
    }

    /** Adam over parameter groups, each with its own options (layer-wise learning rates and momenta). */
    public Adam(ParamGroup... groups) {
        super(AdamOptions.class, groups);
    }

    @Override
    protected String velocityBuffer() {
        return AdamStep.EXP_AVG;
    }

    @Override
    public boolean canResetVelocity() {
        return false;
    }

    @Override
    public void resetVelocity() {
        throw new UnsupportedOperationException("Adam's first moment is bias-corrected by the global step count; "
                + "restarting it is not supported (use Momentum, Nesterov or RMSprop for momentum restarts)");
    }

    @Override
    protected void update(Tensor param, INDArray grad, ParamState state, ParamGroup group) {
        AdamOptions o = group.options(AdamOptions.class);
        INDArray g = InPlace.withWeightDecay(grad, param.data(), o.weightDecay());   // g ← g + λθ
        AdamStep.apply(param.data(), g, state, o);
    }
}
