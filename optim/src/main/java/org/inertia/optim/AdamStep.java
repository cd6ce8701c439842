package org.inertia.optim;

import org.inertia.core.FastPaths;
import org.inertia.optim.kernels.FusedAdam;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The moment update Adam and AdamW share (they differ only in how weight decay enters).
 *
 * <pre>
 *   t ← t + 1
 *   m ← β₁ m + (1 − β₁) g                     (first moment: the momentum)
 *   v ← β₂ v + (1 − β₂) g²                    (second moment)
 *   v̂ ← max(v̂, v)                            (AMSGrad only; v̂ replaces v below)
 *   θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 *
 * {@link #plain} is that, line by line, in PyTorch 1.13's order of operations. With fast paths on
 * (the default) the same update runs as {@link FusedAdam}: one Java loop for small float32 tensors,
 * one native call otherwise. A test checks that they agree.
 */
final class AdamStep {
    static final String EXP_AVG = "exp_avg";
    static final String EXP_AVG_SQ = "exp_avg_sq";
    static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    private AdamStep() {
    }

    static void apply(INDArray theta, INDArray g, ParamState state, AdamOptions o) {
        // At η = 0 libnd4j's updater would take ε as its step size: the readable step is exact there.
        if (!FastPaths.enabled() || o.lr() == 0) {
            plain(theta, g, state, o);
        } else {
            FusedAdam.apply(theta, g, state, o.lr(), o.beta1(), o.beta2(), o.eps(), o.amsgrad());
        }
    }

    /** The update as PyTorch writes it. */
    static void plain(INDArray theta, INDArray g, ParamState state, AdamOptions o) {
        long t = state.step() + 1;
        state.setStep(t);
        INDArray m = state.zerosIfAbsent(EXP_AVG, theta);
        INDArray v = state.zerosIfAbsent(EXP_AVG_SQ, theta);
        InPlace.axpy(1 - o.beta1(), g, m.muli(o.beta1()));                   // m ← β₁m + (1 − β₁)g
        InPlace.axpy(1 - o.beta2(), g.mul(g), v.muli(o.beta2()));            // v ← β₂v + (1 − β₂)g²
        double biasCorrection1 = 1 - Math.pow(o.beta1(), t);
        double biasCorrection2 = 1 - Math.pow(o.beta2(), t);
        double stepSize = o.lr() / biasCorrection1;
        INDArray second = v;
        if (o.amsgrad()) {
            INDArray max = state.zerosIfAbsent(MAX_EXP_AVG_SQ, theta);
            Transforms.max(max, v, false);                                    // v̂ ← max(v̂, v)
            second = max;
        }
        INDArray denom = Transforms.sqrt(second, true).divi(Math.sqrt(biasCorrection2)).addi(o.eps());
        InPlace.axpy(-stepSize, m.div(denom), theta);                         // θ ← θ − step · m/denom
    }
}
