package org.inertia.nn.train;

/**
 * Hooks into {@link Trainer#fit}. Every method has an empty default: implement the ones you need.
 * Callbacks run in the order they were given. To stop training early, call
 * {@link TrainingState#requestStop(String)}; to abort, throw.
 */
public interface Callback {
    default void onFitStart(TrainingState state) {
    }

    default void onEpochStart(TrainingState state) {
    }

    default void onBatchStart(TrainingState state) {
    }

    /** After the optimizer step; {@code loss} and {@code correct} describe this batch. */
    default void onBatchEnd(TrainingState state, double loss, long correct, long size) {
    }

    default void onEpochEnd(TrainingState state, EpochResult result) {
    }

    default void onFitEnd(TrainingState state) {
    }
}
