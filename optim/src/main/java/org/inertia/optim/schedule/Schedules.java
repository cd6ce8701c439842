package org.inertia.optim.schedule;

import java.util.Arrays;

/**
 * Learning-rate and momentum schedules, with PyTorch's formulas ({@code torch.optim.lr_scheduler})
 * where PyTorch has one.
 */
public final class Schedules {
    private Schedules() {
    }

    /** The base value, always. */
    public static Schedule constant() {
        return (t, base) -> base;
    }

    /** base · γ^⌊t / stepSize⌋ (StepLR). */
    public static Schedule step(long stepSize, double gamma) {
        positive("step: stepSize", stepSize);
        nonNegative("step: gamma", gamma);
        return (t, base) -> base * Math.pow(gamma, Math.floorDiv(t, stepSize));
    }

    /** base · γ^(number of milestones ≤ t) (MultiStepLR). */
    public static Schedule multiStep(long[] milestones, double gamma) {
        long[] sorted = milestones.clone();
        Arrays.sort(sorted);
        for (long m : sorted) {
            if (m < 0) {
                throw new IllegalArgumentException("multiStep: milestones must be >= 0, got " + Arrays.toString(milestones));
            }
        }
        nonNegative("multiStep: gamma", gamma);
        return (t, base) -> {
            int passed = 0;
            while (passed < sorted.length && sorted[passed] <= t) {
                passed++;
            }
            return base * Math.pow(gamma, passed);
        };
    }

    /** base · γᵗ (ExponentialLR). */
    public static Schedule exponential(double gamma) {
        nonNegative("exponential: gamma", gamma);
        return (t, base) -> base * Math.pow(gamma, t);
    }

    /**
     * Cosine annealing from the base value down to {@code min} over {@code period} steps, then
     * {@code min}: min + (base − min)(1 + cos(π t/T))/2 (CosineAnnealingLR, without restarts).
     */
    public static Schedule cosine(long period, double min) {
        positive("cosine: period", period);
        nonNegative("cosine: min", min);
        return (t, base) -> {
            long s = Math.min(t, period);
            return min + (base - min) * (1 + Math.cos(Math.PI * s / period)) / 2;
        };
    }

    /**
     * Linear warm-up: from {@code startFactor}·base to base over {@code steps} steps, then base
     * (LinearLR). Chain it with a decay: {@code sequence(linearWarmup(500, 0.01), 500, cosine(...))}.
     */
    public static Schedule linearWarmup(long steps, double startFactor) {
        positive("linearWarmup: steps", steps);
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("linearWarmup: startFactor must be in (0, 1], got " + startFactor);
        }
        return (t, base) -> base * (startFactor + (1 - startFactor) * Math.min(t, steps) / (double) steps);
    }

    /**
     * One-cycle learning rate (OneCycleLR, cosine annealing, two phases): from maxLr/divFactor up to
     * maxLr over the first {@code pctStart} of {@code totalSteps}, then down to
     * maxLr/(divFactor·finalDivFactor). Ignores the base value. PyTorch's defaults: pctStart 0.3,
     * divFactor 25, finalDivFactor 1e4.
     */
    public static Schedule oneCycle(double maxLr, long totalSteps, double pctStart, double divFactor,
                                    double finalDivFactor) {
        nonNegative("oneCycle: maxLr", maxLr);
        checkCycle(totalSteps, pctStart);
        if (!(divFactor > 0) || !(finalDivFactor > 0)) {
            throw new IllegalArgumentException("oneCycle: divFactor and finalDivFactor must be > 0, got "
                    + divFactor + " and " + finalDivFactor);
        }
        double initial = maxLr / divFactor;
        double last = initial / finalDivFactor;
        return (t, base) -> twoPhase(t, totalSteps, pctStart, initial, maxLr, last);
    }

    /** {@link #oneCycle(double, long, double, double, double)} with PyTorch's defaults. */
    public static Schedule oneCycle(double maxLr, long totalSteps) {
        return oneCycle(maxLr, totalSteps, 0.3, 25, 1e4);
    }

    /**
     * One-cycle's inverse momentum cycle: from {@code max} down to {@code min} while the learning rate
     * rises, then back up to {@code max} (PyTorch's defaults 0.95 and 0.85).
     */
    public static Schedule oneCycleMomentum(long totalSteps, double pctStart, double min, double max) {
        checkCycle(totalSteps, pctStart);
        if (!(min >= 0 && min <= max && max < 1)) {
            throw new IllegalArgumentException("oneCycleMomentum: need 0 <= min <= max < 1, got min=" + min
                    + ", max=" + max);
        }
        return (t, base) -> twoPhase(t, totalSteps, pctStart, max, min, max);
    }

    /**
     * The linear momentum ramp γₜ = γ₀ + (1 − γ₀)·t/T, capped at {@code max} (γ reaches 1 at t = T,
     * which no optimizer accepts), with γ₀ the optimizer's momentum.
     */
    public static Schedule momentumRamp(long horizon, double max) {
        positive("momentumRamp: horizon T", horizon);
        if (!(max >= 0 && max < 1)) {
            throw new IllegalArgumentException("momentumRamp: max must be in [0, 1), got " + max);
        }
        return (t, base) -> Math.min(max, base + (1 - base) * t / (double) horizon);
    }

    /** Applies {@code then} to the output of {@code first}: e.g. a warm-up factor times a decay. */
    public static Schedule chain(Schedule first, Schedule then) {
        return (t, base) -> then.value(t, first.value(t, base));
    }

    /** {@code first} for t &lt; {@code switchAt}, then {@code second} with time restarted at 0 (SequentialLR). */
    public static Schedule sequence(Schedule first, long switchAt, Schedule second) {
        if (switchAt < 0) {
            throw new IllegalArgumentException("sequence: switchAt must be >= 0, got " + switchAt);
        }
        return (t, base) -> t < switchAt ? first.value(t, base) : second.value(t - switchAt, base);
    }

    /** PyTorch OneCycleLR's two cosine phases: start → peak until pctStart·T − 1, then peak → end at T − 1. */
    private static double twoPhase(long t, long totalSteps, double pctStart, double start, double peak, double end) {
        double phaseEnd = pctStart * totalSteps - 1;
        double lastStep = totalSteps - 1;
        if (t <= phaseEnd) {
            return cosineAnneal(start, peak, t / phaseEnd);
        }
        double pct = Math.min(1, (t - phaseEnd) / (lastStep - phaseEnd));
        return cosineAnneal(peak, end, pct);
    }

    private static double cosineAnneal(double from, double to, double pct) {
        return to + (from - to) / 2 * (Math.cos(Math.PI * pct) + 1);
    }

    private static void checkCycle(long totalSteps, double pctStart) {
        if (totalSteps < 2) {
            throw new IllegalArgumentException("one-cycle: totalSteps must be >= 2, got " + totalSteps);
        }
        if (!(pctStart > 0 && pctStart < 1) || pctStart * totalSteps - 1 <= 0) {
            throw new IllegalArgumentException("one-cycle: pctStart must be in (0, 1) with pctStart·totalSteps > 1, got "
                    + pctStart + " of " + totalSteps);
        }
    }

    private static void positive(String what, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be > 0, got " + value);
        }
    }

    private static void nonNegative(String what, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite and >= 0, got " + value);
        }
    }
}
