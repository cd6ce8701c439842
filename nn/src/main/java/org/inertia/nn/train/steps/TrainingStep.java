package org.inertia.nn.train.steps;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.ToLongBiFunction;
import org.inertia.core.FastPaths;
import org.inertia.core.Tensor;
import org.inertia.nn.Module;
import org.inertia.nn.loss.Loss;

/**
 * How one batch's forward pass, loss and backward pass run: on the calling thread ({@link PlainStep}) or
 * split across threads ({@link DataParallel}). Either way the batch's gradients end up added into the
 * parameters' own, ready for the optimizer. {@code Trainer} picks one and calls it for every batch.
 */
public interface TrainingStep extends AutoCloseable {
    /** The batch's loss (its mean over the examples) and how many predictions were right (0 if not counted). */
    record Result(double loss, long correct) {
    }

    /** Forward, loss and backward of one batch; the gradients are added into the parameters'. */
    Result forwardBackward(Tensor inputs, Tensor targets);

    /**
     * Runs {@code work} over a batch as this step splits it: once on the whole batch for a plain step, once
     * per slice, concurrently, for a data-parallel one; the results in row order. Each call runs in its own
     * memory scope on its own thread, so a result must not hold tensors. For forward-only passes over many
     * batches, such as evaluation.
     */
    <R> List<R> inSlices(Tensor inputs, Tensor targets, BiFunction<Tensor, Tensor, R> work);

    /** Releases threads the step holds; nothing for a plain step. */
    @Override
    default void close() {
    }

    /**
     * The step for {@code model}: split across {@code shards} threads when that is more than 1 and fast
     * paths are on, else plain. {@code correct} counts right predictions from a slice's outputs and
     * targets (null: not counted).
     */
    static TrainingStep of(Module model, Loss loss, int shards, ToLongBiFunction<Tensor, Tensor> correct) {
        return shards > 1 && FastPaths.enabled() ? new DataParallel(model, loss, shards, correct)
                : new PlainStep(model, loss, correct);
    }
}
