package org.inertia.core;

/**
 * Whether ops record the autograd graph on the current thread.
 *
 * <p>Per thread, so two models can train side by side in one JVM without seeing each other's
 * {@link NoGrad} scopes.
 */
public final class GradMode {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private GradMode() {
    }

    /** True unless the current thread is inside a {@link NoGrad} scope. */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    static void set(boolean enabled) {
        ENABLED.set(enabled);
    }
}
