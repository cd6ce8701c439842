package org.inertia.nn.train.steps;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.ToLongBiFunction;
import org.inertia.core.MemoryScope;
import org.inertia.core.Tensor;
import org.inertia.nn.Module;
import org.inertia.nn.loss.Loss;

/** The whole batch on the calling thread: forward, loss, backward. */
public final class PlainStep implements TrainingStep {
    private final Module model;
    private final Loss loss;
    private final ToLongBiFunction<Tensor, Tensor> correct;

    /** A step of {@code model} under {@code loss}; {@code correct} counts right predictions (null: not counted). */
    public PlainStep(Module model, Loss loss, ToLongBiFunction<Tensor, Tensor> correct) {
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.correct = correct;
    }

    @Override
    public Result forwardBackward(Tensor inputs, Tensor targets) {
        Tensor outputs = model.forward(inputs);
        Tensor l = loss.forward(outputs, targets);
        l.backward();
        return new Result(l.item(), correct == null ? 0 : correct.applyAsLong(outputs, targets));
    }

    @Override
    public <R> List<R> inSlices(Tensor inputs, Tensor targets, BiFunction<Tensor, Tensor, R> work) {
        try (MemoryScope scope = MemoryScope.enter()) {
            return List.of(work.apply(inputs, targets));
        }
    }
}
