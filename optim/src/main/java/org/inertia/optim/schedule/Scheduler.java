package org.inertia.optim.schedule;

import java.util.List;
import org.inertia.optim.Optimizer;
import org.inertia.optim.ParamGroup;

/**
 * Applies schedules to an optimizer's groups: each {@link #step()} advances time by one and sets
 * every group's learning rate and momentum to the schedules' values for its starting values.
 * Step it once per iteration or once per epoch, as the schedule's time unit requires.
 *
 * <pre>{@code
 * var scheduler = Scheduler.of(optimizer)
 *     .lr(Schedules.sequence(Schedules.linearWarmup(500, 0.01), 500, Schedules.cosine(9_500, 0)))
 *     .momentum(Schedules.momentumRamp(10_000, 0.99))
 *     .restartMomentumEvery(2_000);
 * for (...) { ...; optimizer.step(); scheduler.step(); }
 * }</pre>
 *
 * As in PyTorch, attaching a schedule applies its value at t = 0 immediately.
 */
public final class Scheduler {
    private final Optimizer optimizer;
    /** Each group's learning rate and momentum before scheduling; a group added later starts from its own. */
    private final List<Double> baseLr = new java.util.ArrayList<>();
    private final List<Double> baseMomentum = new java.util.ArrayList<>();
    private Schedule lr;
    private Schedule momentum;
    private long restartEvery;
    private long t;

    private Scheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
        recordNewGroups();
    }

    /** Remembers the base values of groups added to the optimizer since the last call. */
    private void recordNewGroups() {
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int g = baseLr.size(); g < groups.size(); g++) {
            baseLr.add(groups.get(g).lr());
            baseMomentum.add(groups.get(g).momentum());
        }
    }

    /** A scheduler that, until given schedules, leaves the optimizer alone. */
    public static Scheduler of(Optimizer optimizer) {
        return new Scheduler(java.util.Objects.requireNonNull(optimizer, "optimizer"));
    }

    /** Schedules every group's learning rate. */
    public Scheduler lr(Schedule schedule) {
        this.lr = java.util.Objects.requireNonNull(schedule, "schedule");
        apply();
        return this;
    }

    /** Schedules every group's momentum (β₁ for Adam and AdamW). */
    public Scheduler momentum(Schedule schedule) {
        for (ParamGroup group : optimizer.paramGroups()) {
            if (!group.options().hasMomentum()) {
                throw new IllegalArgumentException("momentum schedule: " + optimizer.name() + " has no momentum");
            }
        }
        this.momentum = java.util.Objects.requireNonNull(schedule, "schedule");
        apply();
        return this;
    }

    /** Momentum restart: resets the optimizer's velocity every {@code k} steps (0 turns it off). */
    public Scheduler restartMomentumEvery(long k) {
        if (k < 0) {
            throw new IllegalArgumentException("restartMomentumEvery: k must be >= 0, got " + k);
        }
        if (k > 0 && !optimizer.canResetVelocity()) {
            throw new IllegalArgumentException("restartMomentumEvery: " + optimizer.name() + " has no velocity it can "
                    + "restart (Momentum, Nesterov and RMSprop can)");
        }
        this.restartEvery = k;
        return this;
    }

    /** Advances time by one step (or epoch) and applies the schedules. */
    public void step() {
        t++;
        if (restartEvery > 0 && t % restartEvery == 0) {
            optimizer.resetVelocity();
        }
        apply();
    }

    /** The current time. */
    public long t() {
        return t;
    }

    /** Restores the time from a checkpoint and applies the schedules' values for it. */
    public void setT(long t) {
        if (t < 0) {
            throw new IllegalArgumentException("setT: t must be >= 0, got " + t);
        }
        this.t = t;
        apply();
    }

    /** The learning rate the schedule gives group {@code g} at time {@code t} (without applying it). */
    public double lrAt(int g, long time) {
        recordNewGroups();
        return lr == null ? baseLr.get(g) : lr.value(time, baseLr.get(g));
    }

    /** The momentum the schedule gives group {@code g} at time {@code t} (without applying it). */
    public double momentumAt(int g, long time) {
        recordNewGroups();
        return momentum == null ? baseMomentum.get(g) : momentum.value(time, baseMomentum.get(g));
    }

    private void apply() {
        recordNewGroups();
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int g = 0; g < groups.size(); g++) {
            ParamGroup group = groups.get(g);
            if (lr != null) {
                group.setLr(lr.value(t, baseLr.get(g)));
            }
            if (momentum != null && group.options().hasMomentum()) {
                group.setMomentum(momentum.value(t, baseMomentum.get(g)));
            }
        }
    }
}
