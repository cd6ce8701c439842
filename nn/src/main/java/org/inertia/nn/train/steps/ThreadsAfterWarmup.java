package org.inertia.nn.train.steps;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import org.inertia.core.kernels.OpenMp;
import org.inertia.nn.data.DataLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the training thread's OpenMP team every core once the JVM has compiled the training step.
 *
 * <p>Why: for its first seconds the JVM's JIT compiler keeps a core busy, and an OpenMP team that
 * counts on that core stalls at every barrier; so training starts with one OpenMP thread fewer than
 * the cores (the {@code ./inertia} launcher's default). Once compilation has died down the core is
 * free for the team — provided batches are then assembled on the training thread, since a prefetching
 * loader thread takes the same core back (docs/performance.md, "Threads and BLAS").
 *
 * <p>A training loop calls {@link #afterStep()} after every step and {@link #switchIfSettled} with its
 * loaders where it can change them (between epochs).
 * Off unless the system property {@value #PROPERTY} names the thread count to switch to (the launcher
 * sets it to the number of cores when it chose the starting thread count itself).
 */
public final class ThreadsAfterWarmup {
    /** System property: OpenMP threads once the JIT has settled (absent or 0: never switch). */
    public static final String PROPERTY = "inertia.threadsAfterWarmup";

    /** Compilation is judged over windows of this much wall time. */
    static final long WINDOW_NANOS = 1_000_000_000L;
    /**
     * Settled: the JIT compiled for less than this share of the last window. It never reaches zero,
     * but the step is fast well above this (docs/performance.md, "Notes behind the code").
     */
    static final double SETTLED_SHARE = 0.25;

    private static final Logger LOG = LoggerFactory.getLogger(ThreadsAfterWarmup.class);

    private final int target;
    private final LongSupplier nanoTime;
    private final LongSupplier compileMillis;
    private final IntConsumer setThreads;
    private long windowStart;
    private long compiledAtWindowStart;
    private long steps;
    private boolean settled;
    private boolean switched;

    ThreadsAfterWarmup(int target, LongSupplier nanoTime, LongSupplier compileMillis, IntConsumer setThreads) {
        if (target < 0) {
            throw new IllegalArgumentException(PROPERTY + " must be >= 0 (0: off), got " + target);
        }
        this.target = target;
        this.nanoTime = nanoTime;
        this.compileMillis = compileMillis;
        this.setThreads = setThreads;
        this.windowStart = nanoTime.getAsLong();
        this.compiledAtWindowStart = compileMillis.getAsLong();
    }

    /** Never switches: for training that splits batches across threads ({@link DataParallel}), whose threads keep one-thread teams. */
    public static ThreadsAfterWarmup off() {
        return new ThreadsAfterWarmup(0, System::nanoTime, () -> 0, threads -> { });
    }

    /** Reads {@value #PROPERTY}; off when it is absent, or when the JVM cannot time its compiler. */
    public static ThreadsAfterWarmup fromSystemProperty() {
        int target = ThreadCountProperty.read(PROPERTY, 0);
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            target = 0;
        }
        LongSupplier compiled = jit == null ? () -> 0 : jit::getTotalCompilationTime;
        return new ThreadsAfterWarmup(target, System::nanoTime, compiled, OpenMp::setThreads);
    }

    /** Call after every training step. */
    public void afterStep() {
        if (target == 0 || switched) {
            return;
        }
        steps++;
        long now = nanoTime.getAsLong();
        if (now - windowStart >= WINDOW_NANOS) {
            long compiled = compileMillis.getAsLong();
            settled = (compiled - compiledAtWindowStart) * 1e6 < SETTLED_SHARE * (now - windowStart);
            windowStart = now;
            compiledAtWindowStart = compiled;
        }
    }

    /**
     * If the JIT has settled and the switch has not happened yet: sets the calling thread's OpenMP
     * threads to the target, stops the given loaders prefetching from their next epoch (null ones are
     * skipped) and returns true.
     */
    public boolean switchIfSettled(DataLoader... loaders) {
        if (target == 0 || switched || !settled) {
            return false;
        }
        switched = true;
        setThreads.accept(target);
        for (DataLoader loader : loaders) {
            if (loader != null) {
                loader.setPrefetch(0);
            }
        }
        LOG.info("the JIT has compiled the training step (after {} steps): OpenMP threads -> {}, batches now "
                + "assembled on the training thread", steps, target);
        return true;
    }

    /** Whether {@link #switchIfSettled(DataLoader...)} has switched. */
    public boolean switched() {
        return switched;
    }
}
