package org.inertia.core.ops;

/** How a loss combines its per-example values, as PyTorch's {@code reduction} argument. */
public enum Reduction {
    /** The average over examples (the default). */
    MEAN,
    /** The total over examples. */
    SUM,
    /** One value per example. */
    NONE
}
