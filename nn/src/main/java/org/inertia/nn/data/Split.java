package org.inertia.nn.data;

/** Which part of a dataset: the training examples or the held-out test examples. */
public enum Split {
    /** the examples to train on */
    TRAIN,
    /** the held-out examples to measure on */
    TEST
}
