package org.inertia.nn.data;

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

    /** Number of classes. */
    int classes();
}
