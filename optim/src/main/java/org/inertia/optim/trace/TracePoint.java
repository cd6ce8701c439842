package org.inertia.optim.trace;

/** One row of a trajectory: the point after {@code step} updates and the function's value there. */
public record TracePoint(long step, double x, double y, double loss) {
}
