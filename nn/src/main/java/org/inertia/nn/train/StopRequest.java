package org.inertia.nn.train;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A request to stop training at the next step boundary, from any thread: a signal handler
 * ({@link SignalStop}), a scheduler's hook, a button. A {@link Trainer} given one (see
 * {@link Trainer.Builder#stopRequest}) finishes the step it is in, lets its callbacks save a checkpoint
 * at that step ({@link Callback#onStop}) and throws {@link TrainingStopped}.
 */
public final class StopRequest {
    private final AtomicReference<String> reason = new AtomicReference<>();

    /** Asks training to stop; the first reason given is kept. */
    public void request(String why) {
        reason.compareAndSet(null, why == null ? "stop requested" : why);
    }

    /** Whether a stop has been requested. */
    public boolean isRequested() {
        return reason.get() != null;
    }

    /** Why a stop was requested, or null. */
    public String reason() {
        return reason.get();
    }
}
