package org.inertia.learn.lesson5;

import java.util.List;
import org.inertia.core.Tensor;
import org.inertia.optim.AdamOptions;
import org.inertia.optim.Optimizer;
import org.inertia.optim.ParamGroup;
import org.inertia.optim.ParamState;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Your exercise for lesson 5 (docs/learn/5-rmsprop-adam-adamw.md): Adam and, with {@code decoupled},
 * AdamW, without AMSGrad. Check it with
 * {@code ./mvnw -q -pl learn -am test -Dgroups=lesson5 -Dinertia.learn=exercises}.
 */
public final class MyAdam extends Optimizer {
    private final boolean decoupled;

    /** Adam (or, with {@code decoupled}, AdamW) over {@code params}. */
    public MyAdam(List<Tensor> params, AdamOptions options, boolean decoupled) {
        super(AdamOptions.class, ParamGroup.of(params, options));
        this.decoupled = decoupled;
    }

    @Override
    protected void update(Tensor param, INDArray grad, ParamState state, ParamGroup group) {
        AdamOptions o = group.options(AdamOptions.class);      // lr(), beta1(), beta2(), eps(), weightDecay()
        long t = state.step() + 1;
        state.setStep(t);                                      // t counts this parameter's steps: 1, 2, ...
        INDArray m = state.zerosIfAbsent("exp_avg", param.data());
        INDArray v = state.zerosIfAbsent("exp_avg_sq", param.data());
        // m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  θ ← θ − η/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε)
        throw new UnsupportedOperationException("not implemented: lesson 5, MyAdam.update");
    }
}
