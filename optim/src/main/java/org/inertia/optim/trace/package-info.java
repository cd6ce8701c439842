/**
 * Optimizers on classic 2-D test functions ({@link org.inertia.optim.trace.TestFunction}: Rosenbrock's
 * valley, an ill-conditioned quadratic, Beale, Himmelblau; or a {@link org.inertia.optim.trace.Quadratic} of
 * any condition number), step by step ({@link org.inertia.optim.trace.Trace}):
 * the way to see what momentum does. The {@code inertia trace} command and the course draw these paths;
 * the optimizer conformance suite replays reference trajectories on them.
 */
package org.inertia.optim.trace;
