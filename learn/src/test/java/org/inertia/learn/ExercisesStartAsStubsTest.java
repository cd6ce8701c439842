package org.inertia.learn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.inertia.core.DType;
import org.inertia.core.Tensor;
import org.inertia.learn.lesson1.MyBroadcasting;
import org.inertia.learn.lesson2.MyBackwardOrder;
import org.inertia.learn.lesson3.MySigmoid;
import org.inertia.learn.lesson4.MyMomentum;
import org.inertia.learn.lesson5.MyAdam;
import org.inertia.learn.lesson6.MySchedules;
import org.inertia.learn.lesson7.MyConvolution;
import org.inertia.optim.Adam;
import org.inertia.optim.Optimizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The course as a learner first meets it: every exercise throws "not implemented". Not part of the
 * default build (a learner's finished exercise would fail it); .ci/run runs it with {@code -Dgroups=stubs}.
 */
@Tag("stubs")
class ExercisesStartAsStubsTest {
    private final Tensor x = Tensor.of(DType.FLOAT64, new double[] {1, 2}).requiresGrad(true);

    @Test
    void everyExerciseThrowsNotImplemented() {
        notImplemented(() -> new MyBroadcasting().broadcastShape(new long[] {1}, new long[] {2}));
        notImplemented(() -> new MyBroadcasting().reduceTo(x.data(), new long[] {2}));
        notImplemented(() -> new MyBackwardOrder().topologicalOrder(x.mul(2).sum()));
        notImplemented(() -> new MySigmoid().sigmoid(x));
        notImplemented(() -> step(new MyMomentum(List.of(x), 0.1, 0.9, false)));
        notImplemented(() -> step(new MyAdam(List.of(x), Adam.options(), false)));
        notImplemented(() -> new MySchedules().cosine(10, 0));
        notImplemented(() -> new MySchedules().momentumRamp(10, 0.9));
        notImplemented(() -> new MyConvolution().conv2d(Tensor.zeros(1, 1, 3, 3), Tensor.zeros(1, 1, 2, 2), null, 0));
    }

    private void step(Optimizer optimizer) {
        optimizer.zeroGrad();
        x.mul(x).sum().backward();
        optimizer.step();
    }

    private static void notImplemented(Executable exercise) {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, exercise);
        assertTrue(e.getMessage().startsWith("not implemented: lesson "), e.getMessage());
    }
}
