package org.inertia.examples.studio;

/**
 * Heavy-ball momentum on a quadratic, in closed form (docs/optimizers.md, "Why momentum works"). Along
 * an eigen-direction of curvature λ the iteration x' = x − η λ x + β (x − x_prev) is linear; its error
 * shrinks each step by the spectral radius of that 2 × 2 recurrence: the larger root (in size) of
 * z² − (1 + β − ηλ) z + β = 0. With curvatures between μ and L (condition number κ = L / μ) the best
 * constants are η* = (2 / (√L + √μ))² and β* = ((√κ − 1) / (√κ + 1))², and then every direction
 * shrinks by √β* = (√κ − 1) / (√κ + 1) per step.
 */
public final class MomentumTheory {
    private MomentumTheory() {
    }

    /** The per-step rate of heavy-ball momentum (lr η, momentum β) along a direction of curvature λ. */
    public static double rate(double lr, double momentum, double curvature) {
        double b = 1 + momentum - lr * curvature;
        double disc = b * b - 4 * momentum;
        if (disc < 0) {
            return Math.sqrt(momentum);                 // complex roots: both of size √β
        }
        double s = Math.sqrt(disc);
        return Math.max(Math.abs((b + s) / 2), Math.abs((b - s) / 2));
    }

    /** η* = (2 / (√L + √μ))². */
    public static double optimalLr(double mu, double l) {
        double d = Math.sqrt(l) + Math.sqrt(mu);
        return 4 / (d * d);
    }

    /** β* = ((√κ − 1) / (√κ + 1))². */
    public static double optimalMomentum(double mu, double l) {
        double k = Math.sqrt(l / mu);
        return Math.pow((k - 1) / (k + 1), 2);
    }

    /**
     * The measured per-step rate of a coordinate's path: its size's geometric decay over the second half of
     * the steps (the first half holds the transient), NaN when the coordinate starts at 0 or reaches it.
     */
    public static double measuredRate(double[] path) {
        int end = path.length - 1;
        int from = end / 2;
        double a = Math.abs(path[from]);
        double b = Math.abs(path[end]);
        if (end - from < 1 || a == 0 || b == 0) {
            return Double.NaN;
        }
        // Oscillating paths pass near 0: use the largest size in a window around each end as the envelope.
        return Math.pow(envelope(path, end) / envelope(path, from), 1.0 / (end - from));
    }

    private static double envelope(double[] path, int at) {
        double m = 0;
        for (int i = Math.max(0, at - 3); i <= Math.min(path.length - 1, at + 3); i++) {
            m = Math.max(m, Math.abs(path[i]));
        }
        return m;
    }
}
