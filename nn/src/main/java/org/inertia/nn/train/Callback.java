package org.inertia.nn.train;

/**
 * Hooks into {@link Trainer#fit}. Every method has an empty default: implement the ones you need.
 * Callbacks run in the order they were given. To stop training early, call
 * {@link TrainingState#requestStop(String)}; to abort, throw.
 */
public interface Callback {
    /** Before the first epoch (after a resume's state was restored). */
    default void onFitStart(TrainingState state) {
    }

    /** Before an epoch's first batch. */
    default void onEpochStart(TrainingState state) {
    }

    /** Before a batch's forward pass. */
    default void onBatchStart(TrainingState state) {
    }

    /** After the optimizer step; {@code loss} and {@code correct} describe this batch. */
    default void onBatchEnd(TrainingState state, double loss, long correct, long size) {
    }

    /** After an epoch and its evaluation; {@code result} has both. */
    default void onEpochEnd(TrainingState state, EpochResult result) {
    }

    /**
     * A {@link StopRequest} stopped training after a step ({@link TrainingState#partialEpoch()} says how far
     * into the epoch) or at an epoch's end (no partial epoch): save what must survive, e.g. a checkpoint.
     * {@link Trainer#fit} then throws {@link TrainingStopped}.
     */
    default void onStop(TrainingState state) {
    }

    /** After the last epoch (or an early stop). */
    default void onFitEnd(TrainingState state) {
    }
}
