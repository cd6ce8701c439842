package org.inertia.optim;

/**
 * Hyperparameters of {@link Adam} and {@link AdamW}: one record, two sets of defaults
 * ({@link Adam#options()}, {@link AdamW#options()}), because the two differ only in what weight
 * decay means.
 *
 * @param lr          learning rate η (default 1e-3)
 * @param beta1       decay of the first moment (the momentum), in [0, 1) (default 0.9)
 * @param beta2       decay of the second moment, in [0, 1) (default 0.999)
 * @param eps         ε added to the denominator, > 0 (default 1e-8)
 * @param weightDecay λ: L2 penalty for Adam (default 0), decoupled decay for AdamW (default 0.01)
 * @param amsgrad     use the running maximum of the second moment (default false)
 */
public record AdamOptions(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad)
        implements Hyperparameters {
    /** A copy with {@code lr} set to the given value (checked when an optimizer adopts it). */
    public AdamOptions lr(double v) {
        return new AdamOptions(v, beta1, beta2, eps, weightDecay, amsgrad);
    }

    /** A copy with {@code beta1} set to the given value (checked when an optimizer adopts it). */
    public AdamOptions beta1(double v) {
        return new AdamOptions(lr, v, beta2, eps, weightDecay, amsgrad);
    }

    /** A copy with {@code beta2} set to the given value (checked when an optimizer adopts it). */
    public AdamOptions beta2(double v) {
        return new AdamOptions(lr, beta1, v, eps, weightDecay, amsgrad);
    }

    /** A copy with β₁ and β₂ set, as PyTorch's {@code betas=(b1, b2)}. */
    public AdamOptions betas(double b1, double b2) {
        return new AdamOptions(lr, b1, b2, eps, weightDecay, amsgrad);
    }

    /** A copy with {@code eps} set to the given value (checked when an optimizer adopts it). */
    public AdamOptions eps(double v) {
        return new AdamOptions(lr, beta1, beta2, v, weightDecay, amsgrad);
    }

    /** A copy with {@code weightDecay} set to the given value (checked when an optimizer adopts it). */
    public AdamOptions weightDecay(double v) {
        return new AdamOptions(lr, beta1, beta2, eps, v, amsgrad);
    }

    /** A copy with {@code amsgrad} set to the given value (checked when an optimizer adopts it). */
    public AdamOptions amsgrad(boolean v) {
        return new AdamOptions(lr, beta1, beta2, eps, weightDecay, v);
    }

    @Override
    public AdamOptions withLr(double v) {
        return lr(v);
    }

    /** Schedules move β₁ as the momentum (as PyTorch's OneCycleLR does for Adam). */
    @Override
    public double momentum() {
        return beta1;
    }

    @Override
    public AdamOptions withMomentum(double v) {
        return beta1(v);
    }

    @Override
    public void validate() {
        Check.learningRate(lr);
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 0: " + beta1 + " (betas must be in [0, 1))");
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 1: " + beta2 + " (betas must be in [0, 1))");
        }
        Check.epsilon(eps);
        Check.weightDecay(weightDecay);
    }
}
