package org.inertia.optim.trace;

import java.util.List;
import java.util.Locale;
import org.inertia.core.Tensor;

/**
 * Classic 2-D optimisation test functions, computed with Inertia's tensor ops so their gradients
 * come from autograd, exactly as a network's would.
 */
public enum TestFunction {
    /** (1 − x)² + 100 (y − x²)²: a curved, flat-bottomed valley; minimum 0 at (1, 1). */
    ROSENBROCK(-2, 2, -1, 3, new double[] {-1.5, 2}, List.of(new double[] {1, 1})) {
        @Override
        public Tensor value(Tensor x, Tensor y) {
            Tensor a = x.neg().add(1);
            Tensor b = y.sub(x.mul(x));
            return a.mul(a).add(b.mul(b).mul(100));
        }
    },
    /** 0.5 x² + 25 y²: a straight valley with condition number 50; minimum 0 at (0, 0). */
    QUADRATIC(-5, 5, -3, 3, new double[] {4, -2}, List.of(new double[] {0, 0})) {
        @Override
        public Tensor value(Tensor x, Tensor y) {
            return x.mul(x).mul(0.5).add(y.mul(y).mul(25));
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

    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final double[] start;
    private final List<double[]> minima;

    TestFunction(double xMin, double xMax, double yMin, double yMax, double[] start, List<double[]> minima) {
        this.start = start;
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
        this.minima = minima;
    }

    /** f(x, y) for tensors of equal shape. */
    public abstract Tensor value(Tensor x, Tensor y);

    /** f at the point held by a 2-element parameter tensor, as a scalar. */
    public Tensor at(Tensor point) {
        return value(point.slice(0, 1), point.slice(1, 2)).sum();
    }

    /** The region worth plotting: {xMin, xMax, yMin, yMax}. */
    public double[] plotRange() {
        return new double[] {xMin, xMax, yMin, yMax};
    }

    /** Where a trace starts unless told otherwise: a point that shows the function's difficulty. */
    public double[] start() {
        return start.clone();
    }

    /** Known global minima. */
    public List<double[]> minima() {
        return minima;
    }

    /** The command-line name: {@code rosenbrock}, {@code quadratic}, ... */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
