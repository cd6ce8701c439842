package org.inertia.optim.trace;

import java.util.List;
import org.inertia.core.Tensor;

/**
 * A function of two variables that a {@link Trace} descends: the named {@link TestFunction}s, or a
 * {@link Quadratic} of a chosen condition number.
 */
public interface Objective {
    /** f(x, y) for tensors of equal shape, with Inertia's ops (so autograd gives the gradient). */
    Tensor value(Tensor x, Tensor y);

    /** f at the point held by a 2-element parameter tensor, as a scalar. */
    default Tensor at(Tensor point) {
        return value(point.slice(0, 1), point.slice(1, 2)).sum();
    }

    /** The region worth plotting: {xMin, xMax, yMin, yMax}. */
    double[] plotRange();

    /** Where a trace starts unless told otherwise: a point that shows the function's difficulty. */
    double[] start();

    /** Known global minima. */
    List<double[]> minima();

    /** The command-line name: {@code rosenbrock}, {@code quadratic}, ... */
    String cliName();
}
