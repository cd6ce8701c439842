package org.inertia.optim.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.inertia.core.DType;
import org.inertia.core.NoGrad;
import org.inertia.core.Tensor;
import org.inertia.optim.Optimizer;
import org.inertia.optim.schedule.Scheduler;

/**
 * Runs an optimizer on a 2-D test function: the parameter is one tensor holding (x, y), the loss is
 * f(x, y), and each step goes through {@link Optimizer#step(org.inertia.optim.Closure)}, so
 * look-ahead Nesterov evaluates its gradient where it should.
 */
public final class Trace {
    private Trace() {
    }

    /** The start point (row 0) and the point after each of {@code steps} updates. */
    public static List<TracePoint> run(Objective function, double[] start, DType dtype, int steps,
                                       Function<List<Tensor>, Optimizer> optimizerFactory) {
        return run(function, start, dtype, steps, optimizerFactory, null);
    }

    /**
     * As {@link #run(Objective, double[], DType, int, Function)}, with a scheduler (built for the
     * optimizer by {@code schedule}; null: none) stepped after every update, as training steps it.
     */
    public static List<TracePoint> run(Objective function, double[] start, DType dtype, int steps,
                                       Function<List<Tensor>, Optimizer> optimizerFactory,
                                       Function<Optimizer, Scheduler> schedule) {
        if (start.length != 2) {
            throw new IllegalArgumentException("start point needs 2 coordinates, got " + start.length);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        Tensor point = Tensor.of(dtype, start.clone()).requiresGrad(true);
        Optimizer optimizer = optimizerFactory.apply(List.of(point));
        Scheduler scheduler = schedule == null ? null : schedule.apply(optimizer);
        List<TracePoint> rows = new ArrayList<>(steps + 1);
        rows.add(row(0, function, point));
        for (int step = 1; step <= steps; step++) {
            optimizer.step(() -> {
                optimizer.zeroGrad();
                Tensor loss = function.at(point);
                loss.backward();
                return loss;
            });
            if (scheduler != null) {
                scheduler.step();
            }
            rows.add(row(step, function, point));
        }
        return rows;
    }

    private static TracePoint row(long step, Objective function, Tensor point) {
        double[] xy = point.toDoubleArray();
        double loss = NoGrad.get(() -> function.at(point).item());
        return new TracePoint(step, xy[0], xy[1], loss);
    }
}
