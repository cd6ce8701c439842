package org.inertia.nn.data;

/** Which part of a dataset: the training examples or the held-out test examples. */
public enum Split { TRAIN, TEST }
