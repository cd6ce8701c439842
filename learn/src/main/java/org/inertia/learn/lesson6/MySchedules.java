package org.inertia.learn.lesson6;

import org.inertia.optim.schedule.Schedule;

/**
 * Your exercise for lesson 6 (docs/learn/6-schedules-restart-layerwise.md): return lambdas
 * {@code (t, base) -> ...}; check your arguments up front. Check it with
 * {@code ./mvnw -q -pl learn -am test -Dgroups=lesson6 -Dinertia.learn=exercises}.
 */
public final class MySchedules implements ScheduleFormulas {
    @Override
    public Schedule cosine(long period, double min) {
        throw new UnsupportedOperationException("not implemented: lesson 6, MySchedules.cosine");
    }

    @Override
    public Schedule momentumRamp(long horizon, double max) {
        throw new UnsupportedOperationException("not implemented: lesson 6, MySchedules.momentumRamp");
    }
}
