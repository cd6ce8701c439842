package org.inertia.core;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Collects, while open on a thread, the gradients that backward passes on that thread would add into
 * leaves, in buffers of its own.
 *
 * <p>Why: data-parallel training runs the same parameters through several threads at once, each on a
 * slice of the batch. If every backward pass added into the parameters' own gradient buffers, two
 * threads would write the same buffer. Each extra thread opens its own sink instead; once all have
 * finished, one thread calls {@link #addToLeaves()} to fold what each sink collected into the leaves'
 * gradients, which the optimizer then reads as usual.
 *
 * <pre>{@code
 * try (GradSink.Open open = sink.open()) {
 *     loss.forward(model.forward(x), y).backward();   // the parameters' grads are untouched
 * }
 * sink.addToLeaves();                                  // on one thread, after every worker is done
 * }</pre>
 */
public final class GradSink {
    private static final ThreadLocal<GradSink> OPEN = new ThreadLocal<>();

    /** Each leaf this sink has received a gradient for, and a private tensor holding that gradient. */
    private final Map<Tensor, Tensor> buffers = new IdentityHashMap<>();

    /** Makes this sink the calling thread's until the returned handle is closed. */
    public Open open() {
        if (OPEN.get() != null) {
            throw new IllegalStateException("GradSink: a sink is already open on thread " + Thread.currentThread().getName());
        }
        OPEN.set(this);
        return OPEN::remove;
    }

    /**
     * Adds every gradient collected since the last call into its leaf's gradient (as a backward pass
     * on this thread would have), then forgets them; buffers are kept for the next step. Call it with
     * no sink open on this thread, after the threads that used this sink have finished.
     */
    public void addToLeaves() {
        if (OPEN.get() != null) {
            throw new IllegalStateException("GradSink: addToLeaves() with a sink open on this thread would add "
                    + "the gradients into that sink; close it first");
        }
        for (Map.Entry<Tensor, Tensor> e : buffers.entrySet()) {
            Tensor collected = e.getValue().grad();
            if (collected != null) {
                e.getKey().addToGrad(collected.data());
                e.getValue().zeroGrad();
            }
        }
    }

    /** Forgets every gradient collected since the last {@link #addToLeaves()} (after a failed step). */
    public void zeroGrad() {
        buffers.values().forEach(Tensor::zeroGrad);
    }

    /** The gradient collected for {@code leaf} since the last {@link #addToLeaves()}, or null. */
    public Tensor grad(Tensor leaf) {
        Tensor buffer = buffers.get(leaf);
        return buffer == null ? null : buffer.grad();
    }

    /** Where a gradient for {@code leaf} goes on the calling thread: the open sink's buffer, or the leaf. */
    static Tensor destinationFor(Tensor leaf) {
        GradSink sink = OPEN.get();
        return sink == null ? leaf : sink.buffers.computeIfAbsent(leaf, Tensor::detach);
    }

    /** Closes an {@link #open()}: the thread's backward passes write into leaves again. */
    @FunctionalInterface
    public interface Open extends AutoCloseable {
        @Override
        void close();
    }
}
