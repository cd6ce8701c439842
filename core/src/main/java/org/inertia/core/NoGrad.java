package org.inertia.core;

import java.util.function.Supplier;

/**
 * A scope in which ops record nothing: results never require grad and keep no graph.
 *
 * <pre>{@code
 * try (NoGrad scope = NoGrad.enter()) {
 *     Tensor prediction = model.forward(x);   // no graph, no saved activations
 * }
 * }</pre>
 *
 * Scopes nest; closing one restores whatever mode was active when it was entered.
 */
public final class NoGrad implements AutoCloseable {
    private final boolean previous;
    private boolean closed;

    private NoGrad() {
        this.previous = GradMode.isEnabled();
        GradMode.set(false);
    }

    /** Disables graph recording on this thread until the returned scope is closed. */
    public static NoGrad enter() {
        return new NoGrad();
    }

    /** Runs {@code body} with graph recording disabled. */
    public static void run(Runnable body) {
        boolean before = GradMode.isEnabled();
        GradMode.set(false);
        try {
            body.run();
        } finally {
            GradMode.set(before);
        }
    }

    /** Evaluates {@code body} with graph recording disabled. */
    public static <T> T get(Supplier<T> body) {
        boolean before = GradMode.isEnabled();
        GradMode.set(false);
        try {
            return body.get();
        } finally {
            GradMode.set(before);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            GradMode.set(previous);
        }
    }
}
