package org.inertia.learn.lesson6;

import org.inertia.optim.schedule.Schedule;

/** Lesson 6: two schedules as pure functions of the step, applied by a {@code Scheduler}. */
public interface ScheduleFormulas {
    /** min + (base − min)(1 + cos(π t/T))/2 for t ≤ T, then min (PyTorch's CosineAnnealingLR, one period). */
    Schedule cosine(long period, double min);

    /** The momentum ramp γₜ = γ₀ + (1 − γ₀)·t/T, capped at {@code max} (γ₀ is the base value). */
    Schedule momentumRamp(long horizon, double max);
}
