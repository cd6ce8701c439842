package org.inertia.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.inertia.core.DType;
import org.inertia.core.Tensor;
import org.inertia.learn.lesson5.AdamFamily;
import org.inertia.optim.Adam;
import org.inertia.optim.AdamW;
import org.inertia.optim.Optimizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Lesson 5, RMSprop → Adam → AdamW: docs/learn/5-rmsprop-adam-adamw.md. */
@Tag("lesson5")
class Lesson5Test {
    private final AdamFamily family = Course.adamFamily();

    @Test
    void adamFollowsPyTorchsPathOnHimmelblau() {
        ReferenceTrajectory ref = ReferenceTrajectory.load("adam-himmelblau");
        ref.assertFollowedBy(p -> family.adam(p, Adam.options().lr(ref.number("lr", 0))));
    }

    @Test
    void adamWFollowsPyTorchsPathOnRosenbrock() {
        ReferenceTrajectory ref = ReferenceTrajectory.load("adamw-rosenbrock");
        ref.assertFollowedBy(p -> family.adamW(p, AdamW.options().lr(ref.number("lr", 0))
                .weightDecay(ref.number("weight-decay", 0.01))));
    }

    @Test
    void theFirstStepMovesEveryCoordinateByTheLearningRateWhateverTheGradientsScale() {
        // m̂ / √v̂ = g / |g| on the first step: Adam's step size is η, per coordinate, for any gradient.
        Tensor theta = Tensor.of(DType.FLOAT64, new double[] {0, 0, 0}).requiresGrad(true);
        Tensor c = Tensor.of(DType.FLOAT64, new double[] {1e-3, -1, 1e3});
        step(family.adam(List.of(theta), Adam.options().lr(0.1).eps(1e-12)), theta, c);
        assertArrayEquals(new double[] {-0.1, 0.1, -0.1}, theta.toDoubleArray(), 1e-9);
    }

    @Test
    void adamWDecaysTheWeightsThemselvesAdamDecaysThroughTheGradient() {
        // With a zero loss gradient AdamW only shrinks θ by (1 − ηλ); Adam's L2 term becomes a gradient λθ,
        // which its normalised step turns into a full step of size η.
        Tensor zero = Tensor.of(DType.FLOAT64, new double[] {0, 0});
        Tensor w1 = Tensor.of(DType.FLOAT64, new double[] {2, -4}).requiresGrad(true);
        step(family.adamW(List.of(w1), AdamW.options().lr(0.1).weightDecay(0.5)), w1, zero);
        assertArrayEquals(new double[] {2 * 0.95, -4 * 0.95}, w1.toDoubleArray(), 1e-12);
        Tensor w2 = Tensor.of(DType.FLOAT64, new double[] {2, -4}).requiresGrad(true);
        step(family.adam(List.of(w2), Adam.options().lr(0.1).weightDecay(0.5)), w2, zero);
        assertArrayEquals(new double[] {1.9, -3.9}, w2.toDoubleArray(), 1e-6);
    }

    /** One step on the loss Σ c·θ (gradient c). */
    private static void step(Optimizer optimizer, Tensor theta, Tensor c) {
        optimizer.zeroGrad();
        theta.mul(c).sum().backward();
        optimizer.step();
    }
}
