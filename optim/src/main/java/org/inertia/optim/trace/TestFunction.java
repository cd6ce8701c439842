package org.inertia.optim.trace;

import java.util.List;
import java.util.Locale;
import org.inertia.core.Tensor;

/**
 * Classic 2-D optimisation test functions, computed with Inertia's tensor ops so their gradients
 * come from autograd, exactly as a network's would.
 */
public enum TestFunction implements Objective {
    /** (1 − x)² + 100 (y − x²)²: a curved, flat-bottomed valley; minimum 0 at (1, 1). */
    ROSENBROCK(-2, 2, -1, 3, new double[] {-1.5, 2}, List.of(new double[] {1, 1})) {
        @Override
        public Tensor value(Tensor x, Tensor y) {
            Tensor a = x.neg().add(1);
            Tensor b = y.sub(x.mul(x));
            return a.mul(a).add(b.mul(b).mul(100));
        }
    },
    /** 0.5 x² + 25 y²: a straight valley with condition number 50 (a {@link Quadratic}); minimum 0 at (0, 0). */
    QUADRATIC(Quadratic.RANGE[0], Quadratic.RANGE[1], Quadratic.RANGE[2], Quadratic.RANGE[3], Quadratic.START,
            List.of(new double[] {0, 0})) {
        @Override
        public Tensor value(Tensor x, Tensor y) {
            return QUADRATIC_50.value(x, y);
        }
    },
    /** (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²; minimum 0 at (3, 0.5). */
    BEALE(-4.5, 4.5, -4.5, 4.5, new double[] {1, 1}, List.of(new double[] {3, 0.5})) {
        @Override
        public Tensor value(Tensor x, Tensor y) {
            Tensor y2 = y.mul(y);
            Tensor a = x.neg().add(x.mul(y)).add(1.5);
            Tensor b = x.neg().add(x.mul(y2)).add(2.25);
            Tensor c = x.neg().add(x.mul(y2.mul(y))).add(2.625);
            return a.mul(a).add(b.mul(b)).add(c.mul(c));
        }
    },
    /** (x² + y − 11)² + (x + y² − 7)²: four minima of value 0. */
    HIMMELBLAU(-5, 5, -5, 5, new double[] {0, 0}, List.of(new double[] {3, 2}, new double[] {-2.805118, 3.131312},
            new double[] {-3.779310, -3.283186}, new double[] {3.584428, -1.848126})) {
        @Override
        public Tensor value(Tensor x, Tensor y) {
            Tensor a = x.mul(x).add(y).sub(11);
            Tensor b = x.add(y.mul(y)).sub(7);
            return a.mul(a).add(b.mul(b));
        }
    };

    private static final Quadratic QUADRATIC_50 = new Quadratic(Quadratic.DEFAULT_CONDITION);

    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final double[] start;
    private final List<double[]> minima;

    TestFunction(double xMin, double xMax, double yMin, double yMax, double[] start, List<double[]> minima) {
        this.start = start.clone();
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
        this.minima = minima;
    }

    @Override
    public abstract Tensor value(Tensor x, Tensor y);

    @Override
    public double[] plotRange() {
        return new double[] {xMin, xMax, yMin, yMax};
    }

    @Override
    public double[] start() {
        return start.clone();
    }

    @Override
    public List<double[]> minima() {
        return minima;
    }

    /**
     * The quadratic with condition number κ in place of 50 ({@link Quadratic}); the other functions have
     * no condition number to choose and refuse.
     */
    public Objective withCondition(double condition) {
        if (this != QUADRATIC) {
            throw new IllegalArgumentException("a condition number applies to the quadratic only, not to " + cliName());
        }
        return new Quadratic(condition);
    }

    @Override
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
