package org.inertia.optim;

/** Hyperparameter checks with messages in PyTorch's style: "Invalid learning rate: -1.0 (...)". */
final class Check {
    private Check() {
    }

    static void learningRate(double lr) {
        if (!(lr >= 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("Invalid learning rate: " + lr + " (lr must be finite and >= 0)");
        }
    }

    /** A coefficient in [0, 1): momentum, betas, alpha. */
    static void unitInterval(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("Invalid " + name + " value: " + value + " (" + name
                    + " must be in [0, 1))");
        }
    }

    /** A coefficient in [0, 1]: dampening. */
    static void closedUnitInterval(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("Invalid " + name + " value: " + value + " (" + name
                    + " must be in [0, 1])");
        }
    }

    static void epsilon(double eps) {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("Invalid epsilon value: " + eps + " (eps must be finite and > 0)");
        }
    }

    static void weightDecay(double weightDecay) {
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("Invalid weight_decay value: " + weightDecay
                    + " (weight decay must be finite and >= 0)");
        }
    }

    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException("Invalid " + name + ": null");
        }
        return value;
    }
}
