package org.inertia.optim.schedule;

/**
 * A hyperparameter as a function of time: the value at step (or epoch) {@code t}, given the value the
 * optimizer started with. Schedules are pure functions; a {@link Scheduler} applies them. Whether
 * {@code t} counts iterations or epochs depends only on how often you call {@link Scheduler#step()}.
 *
 * <p>Build them with {@link Schedules}; combine them with {@link Schedules#chain} and
 * {@link Schedules#sequence}.
 */
@FunctionalInterface
public interface Schedule {
    /** The value at time {@code t} (steps or epochs) for a group whose unscheduled value is {@code base}. */
    double value(long t, double base);
}
