package org.inertia.optim;

/**
 * Per-group norms from the last step, when diagnostics are on ({@link Optimizer#setDiagnostics}).
 *
 * @param gradientNorm ‖g‖₂ over the group's gradients (before weight decay)
 * @param updateNorm   ‖θ_new − θ_old‖₂ over the group's parameters
 * @param velocityNorm ‖v‖₂ of the velocity (first moment for Adam); NaN if the optimizer keeps none
 */
public record GroupDiagnostics(int group, double gradientNorm, double updateNorm, double velocityNorm) {
}
