package org.inertia.optim;

import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * AdamW (Loshchilov &amp; Hutter), as {@code torch.optim.AdamW}: Adam with decoupled weight decay.
 *
 * <pre>
 *   θ ← θ (1 − ηλ)             (decay the weights directly, before the step)
 *   then Adam's moment update ({@link AdamStep}) with the plain gradient g
 * </pre>
 *
 * Because the decay does not pass through the 1/√v̂ scaling, every weight is shrunk at the same
 * rate: the regularisation you asked for. Default weight decay 0.01, as PyTorch.
 */
public final class AdamW extends Optimizer {

    /** AdamW's defaults (PyTorch's): start here and change what you need. */
    public static AdamOptions options() {
        return new AdamOptions(1e-3, 0.9, 0.999, 1e-8, 0.01, false);
    }

    /** AdamW over {@code params}, one group with {@code options}. */
    public AdamW(Iterable<? extends Tensor> params, AdamOptions options) {
        this(ParamGroup.of(params, options));
    }

    /** AdamW over parameter groups, each with its own options (layer-wise learning rates and momenta). */
    public AdamW(ParamGroup... groups) {
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
        throw new UnsupportedOperationException("AdamW's first moment is bias-corrected by the global step count; "
                + "restarting it is not supported (use Momentum, Nesterov or RMSprop for momentum restarts)");
    }

    @Override
    protected void update(Tensor param, INDArray grad, ParamState state, ParamGroup group) {
        AdamOptions o = group.options(AdamOptions.class);
        param.data().muli(1 - o.lr() * o.weightDecay());                  // θ ← θ(1 − ηλ)
        AdamStep.apply(param.data(), grad, state, o);
    }
}
