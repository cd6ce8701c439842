package org.inertia.core;

/**
 * The one switch between each op's readable reference form and its fast kernel.
 *
 * <p>Every op is written first as plain array math that a reader can follow line by line; where a
 * native or fused kernel computes the same thing faster, the op uses it while fast paths are on (the
 * default). Start the JVM with {@code -Dinertia.reference=true} to run the readable forms only; the
 * conformance suites run in both modes, so the two cannot drift apart.
 */
public final class FastPaths {
    private static volatile boolean enabled = !Boolean.getBoolean("inertia.reference");

    private FastPaths() {
    }

    /** Whether ops may take their fast kernels (false under {@code -Dinertia.reference=true}). */
    public static boolean enabled() {
        return enabled;
    }

    /**
     * Runs {@code body} with fast paths on or off, then restores the previous setting: e.g. to compare an
     * op's readable form with its kernel. The setting is JVM-wide while {@code body} runs.
     */
    public static void run(boolean on, Runnable body) {
        get(on, () -> {
            body.run();
            return null;
        });
    }

    /** As {@link #run(boolean, Runnable)}, returning what {@code body} computes. */
    public static <T> T get(boolean on, java.util.function.Supplier<T> body) {
        boolean previous = setEnabled(on);
        try {
            return body.get();
        } finally {
            setEnabled(previous);
        }
    }

    /** Turns fast paths on or off for the whole JVM, for tests and measurements; returns the previous setting. */
    public static boolean setEnabled(boolean on) {
        boolean previous = enabled;
        enabled = on;
        return previous;
    }
}
