package org.inertia.optim.trace;

import java.util.List;
import org.inertia.core.Tensor;

/**
 * ½x² + ½κy²: a straight valley whose axes are the Hessian's eigen-directions, with curvatures 1 and κ,
 * so κ is its condition number. Momentum's theory (the optimal η and β, the rate per direction) is
 * exact here, which makes it the function to vary κ on.
 *
 * @param condition κ, in [1, {@value #MAX_CONDITION}]
 */
public record Quadratic(double condition) implements Objective {
    /** The condition number of {@link TestFunction#QUADRATIC}, and of {@code trace --function quadratic}. */
    public static final double DEFAULT_CONDITION = 50;
    /** The largest condition number accepted (beyond it a float64 trace is mostly rounding). */
    public static final double MAX_CONDITION = 1e6;
    static final double[] RANGE = {-5, 5, -3, 3};
    static final double[] START = {4, -2};

    /** Checks κ. */
    public Quadratic {
        if (!(condition >= 1 && condition <= MAX_CONDITION)) {
            throw new IllegalArgumentException("the quadratic's condition number must be in [1, "
                    + (long) MAX_CONDITION + "], got " + condition);
        }
    }

    @Override
    public Tensor value(Tensor x, Tensor y) {
        return x.mul(x).mul(0.5).add(y.mul(y).mul(0.5 * condition));
    }

    @Override
    public double[] plotRange() {
        return RANGE.clone();
    }

    @Override
    public double[] start() {
        return START.clone();
    }

    @Override
    public List<double[]> minima() {
        return List.of(new double[] {0, 0});
    }

    @Override
    public String cliName() {
        return "quadratic";
    }

    /** The Hessian's eigenvalues, smallest first: 1 and κ. */
    public double[] curvatures() {
        return new double[] {1, condition};
    }
}
