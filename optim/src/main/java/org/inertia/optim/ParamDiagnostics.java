package org.inertia.optim;

import org.inertia.core.Tensor;

/**
 * One parameter tensor's numbers from the last step, when diagnostics are on ({@link Optimizer#setDiagnostics}):
 * what DL4J's training UI shows per layer, and the alignment adaptive momentum reacts to.
 *
 * @param parameter     the parameter tensor
 * @param group         its group's index
 * @param parameterNorm ‖θ‖₂ before the step
 * @param gradientNorm  ‖g‖₂ (before weight decay)
 * @param updateNorm    ‖θ_new − θ_old‖₂
 * @param velocityNorm  ‖v‖₂ after the step (the first moment for Adam); NaN if the optimizer keeps none
 * @param alignment     cos(g, v) of the gradient with the velocity held before the step, the quantity
 *                      {@link Adaptive} reacts to (+1: they agree, −1: the last move went uphill); NaN when
 *                      there is no velocity yet or either is zero
 */
public record ParamDiagnostics(Tensor parameter, int group, double parameterNorm, double gradientNorm,
                               double updateNorm, double velocityNorm, double alignment) {
    /** log10(‖Δθ‖ / ‖θ‖), DL4J's update:parameter ratio (about −3 is the usual healthy value); NaN if θ = 0. */
    public double log10UpdateRatio() {
        return parameterNorm == 0 ? Double.NaN : Math.log10(updateNorm / parameterNorm);
    }
}
