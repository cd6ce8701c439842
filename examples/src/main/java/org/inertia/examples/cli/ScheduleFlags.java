package org.inertia.examples.cli;

import java.util.List;
import org.inertia.core.Tensor;
import org.inertia.optim.Optimizer;
import org.inertia.optim.schedule.Scheduler;
import org.inertia.optim.schedule.Schedules;
import picocli.CommandLine.Option;

/**
 * The schedule flags {@code train}, {@code compare} and {@code trace} share: how the learning rate and
 * the momentum move over a run, and momentum restart. Defaults are {@code train}'s; {@code trace}
 * overrides the learning-rate schedule's (see its default provider).
 */
public final class ScheduleFlags {
    @Option(names = "--lr-schedule", defaultValue = "cosine", paramLabel = "NAME", description = "none, step, cosine, "
            + "onecycle or warmup-cosine, stepped every iteration (default: ${DEFAULT-VALUE}).")
    String lrSchedule;

    @Option(names = "--lr-gamma", defaultValue = "0.1", paramLabel = "G", description = "step schedule factor (default: ${DEFAULT-VALUE}).")
    double lrGamma;

    @Option(names = "--warmup-steps", defaultValue = "200", paramLabel = "N",
            description = "warmup-cosine: linear warm-up iterations (default: ${DEFAULT-VALUE}).")
    int warmupSteps;

    @Option(names = "--momentum-schedule", defaultValue = "none", paramLabel = "NAME", description = "none, ramp "
            + "(γₜ = γ₀ + (1 − γ₀)·t/T capped at --momentum-max) or onecycle (0.95 → 0.85 → 0.95) (default: ${DEFAULT-VALUE}).")
    String momentumSchedule;

    @Option(names = "--momentum-max", defaultValue = "0.99", paramLabel = "M",
            description = "Cap of the momentum ramp (default: ${DEFAULT-VALUE}).")
    double momentumMax;

    @Option(names = "--restart-every", defaultValue = "0", paramLabel = "K",
            description = "Momentum restart: reset the velocity every K iterations (0: off; default: ${DEFAULT-VALUE}).")
    int restartEvery;

    /** Learning-rate schedules the command line offers. */
    enum LrSchedule { NONE, STEP, COSINE, ONECYCLE, WARMUP_COSINE }

    /** Momentum schedules the command line offers. */
    enum MomentumSchedule { NONE, RAMP, ONECYCLE }

    /** Checks ranges; throws naming the option and what is allowed. */
    void validate() {
        lrSchedule();
        momentumSchedule();
        if (!(lrGamma > 0 && lrGamma <= 1)) {
            throw new IllegalArgumentException("--lr-gamma must be in (0, 1], got " + lrGamma);
        }
        if (warmupSteps < 1 || warmupSteps > 100_000_000) {
            throw new IllegalArgumentException("--warmup-steps must be in [1, 100000000], got " + warmupSteps);
        }
        if (!(momentumMax >= 0 && momentumMax < 1)) {
            throw new IllegalArgumentException("--momentum-max must be in [0, 1), got " + momentumMax);
        }
        if (restartEvery < 0) {
            throw new IllegalArgumentException("--restart-every must be >= 0 (0: off), got " + restartEvery);
        }
    }

    /**
     * Refuses, before anything runs, a momentum schedule or restart for an optimizer in {@code kinds}
     * that has no momentum or velocity, naming the flag and the optimizer.
     */
    void checkApplicable(List<OptimizerKind> kinds) {
        for (OptimizerKind kind : kinds) {
            Optimizer probe = kind.create(List.of(Tensor.zeros(1).requiresGrad(true)), kind.libraryDefaults());
            if (momentumSchedule() != MomentumSchedule.NONE && !probe.paramGroups().get(0).options().hasMomentum()) {
                throw new IllegalArgumentException("--momentum-schedule " + momentumSchedule + ": "
                        + Choices.cliName(kind) + " has no momentum to schedule (use --momentum-schedule none, or "
                        + "optimizers with momentum)");
            }
            if (restartEvery > 0 && !probe.canResetVelocity()) {
                throw new IllegalArgumentException("--restart-every " + restartEvery + ": " + Choices.cliName(kind)
                        + " has no velocity to restart (momentum, nesterov and rmsprop have)");
            }
        }
    }

    LrSchedule lrSchedule() {
        return Choices.parse("--lr-schedule", lrSchedule, LrSchedule.class);
    }

    MomentumSchedule momentumSchedule() {
        return Choices.parse("--momentum-schedule", momentumSchedule, MomentumSchedule.class);
    }

    /**
     * The scheduler these flags describe for a run of {@code totalSteps} optimizer steps; the step
     * schedule multiplies the learning rate by --lr-gamma every {@code stepSize} steps.
     */
    Scheduler scheduler(Optimizer optimizer, long totalSteps, long stepSize) {
        Scheduler s = Scheduler.of(optimizer);
        switch (lrSchedule()) {
            case NONE -> { }
            case STEP -> s.lr(Schedules.step(stepSize, lrGamma));
            case COSINE -> s.lr(Schedules.cosine(Math.max(1, totalSteps), 0));
            case ONECYCLE -> s.lr(Schedules.oneCycle(optimizer.paramGroups().get(0).lr(), Math.max(2, totalSteps)));
            case WARMUP_COSINE -> s.lr(Schedules.sequence(Schedules.linearWarmup(warmupSteps, 0.01), warmupSteps,
                    Schedules.cosine(Math.max(1, totalSteps - warmupSteps), 0)));
        }
        switch (momentumSchedule()) {
            case NONE -> { }
            case RAMP -> s.momentum(Schedules.momentumRamp(Math.max(1, totalSteps), momentumMax));
            case ONECYCLE -> s.momentum(Schedules.oneCycleMomentum(Math.max(2, totalSteps), 0.3, 0.85, 0.95));
        }
        if (restartEvery > 0) {
            s.restartMomentumEvery(restartEvery);
        }
        return s;
    }
}
