package org.inertia.examples.cli;

/** The optimizers the command line can build. */
public enum OptimizerKind { SGD, MOMENTUM, NESTEROV, RMSPROP, ADAM, ADAMW }
