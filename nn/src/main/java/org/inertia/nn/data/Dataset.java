package org.inertia.nn.data;

import java.util.function.Supplier;
import org.inertia.core.Rng;

/**
 * Labelled examples that can be assembled into batches. Datasets build whole batches at once (one
 * native conversion per batch, not one per example); {@code rng} drives random augmentation.
 */
public interface Dataset {
    /** Number of examples. */
    int size();

    /** The examples at {@code indices}, as one batch. */
    Batch batch(int[] indices, Rng rng);

    /**
     * The examples at {@code indices} in two halves: this call does what can run on the data loader's
     * background thread (gathering, augmenting, in Java arrays), the returned supplier builds the batch's
     * native arrays on the training thread, inside its step. Why: native memory allocated on one thread
     * and freed on another fragments glibc's per-thread arenas, and resident memory creeps up for the
     * whole run. The default does everything here, as {@link #batch} does.
     */
    default Supplier<Batch> prepare(int[] indices, Rng rng) {
        Batch b = batch(indices, rng);
        return () -> b;
    }

    /** Number of classes. */
    int classes();
}
