package org.inertia.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.inertia.core.DType;
import org.inertia.core.Tensor;
import org.inertia.learn.lesson6.ScheduleFormulas;
import org.inertia.optim.Momentum;
import org.inertia.optim.ParamGroup;
import org.inertia.optim.schedule.Schedule;
import org.inertia.optim.schedule.Scheduler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Lesson 6, schedules, restart and layer-wise momentum: docs/learn/6-schedules-restart-layerwise.md. */
@Tag("lesson6")
class Lesson6Test {
    private final ScheduleFormulas formulas = Course.schedules();

    @Test
    void cosineGivesPyTorchsCosineAnnealingValuesThenHoldsTheMinimum() {
        // torch.optim.lr_scheduler.CosineAnnealingLR(SGD(lr=0.1), T_max=10, eta_min=0.001), steps 0..10.
        double[] pytorch = {0.1, 0.09757729755661011, 0.0905463412215599, 0.07959536998847742, 0.0657963412215599,
            0.0505, 0.03520365877844011, 0.02140463001152259, 0.010453658778440109, 0.0034227024433899004, 0.001};
        Schedule cosine = formulas.cosine(10, 0.001);
        for (int t = 0; t < pytorch.length; t++) {
            assertEquals(pytorch[t], cosine.value(t, 0.1), 1e-15, "step " + t);
        }
        assertEquals(0.001, cosine.value(25, 0.1), 1e-15, "after the period");
        assertThrows(IllegalArgumentException.class, () -> formulas.cosine(0, 0));
    }

    @Test
    void theRampStartsAtTheBaseRisesLinearlyAndStopsAtItsCap() {
        Schedule ramp = formulas.momentumRamp(100, 0.95);
        assertEquals(0.5, ramp.value(0, 0.5), 1e-15);
        assertEquals(0.75, ramp.value(50, 0.5), 1e-15);
        assertEquals(0.95, ramp.value(90, 0.5), 1e-15);
        assertEquals(0.95, ramp.value(1000, 0.5), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> formulas.momentumRamp(100, 1.0));
        assertThrows(IllegalArgumentException.class, () -> formulas.momentumRamp(0, 0.9));
    }

    @Test
    void aSchedulerDrivesEachLayersOwnMomentumWithYourRamp() {
        // Layer-wise momentum: two groups with their own β; the ramp moves each from its own base.
        Tensor first = Tensor.zeros(DType.FLOAT64, 3).requiresGrad(true);
        Tensor last = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true);
        Momentum.Options base = Momentum.options().lr(0.1);
        Momentum optimizer = new Momentum(ParamGroup.of(List.of(first), base.momentum(0.5)),
                ParamGroup.of(List.of(last), base.momentum(0.8)));
        Scheduler scheduler = Scheduler.of(optimizer).lr(formulas.cosine(10, 0)).momentum(formulas.momentumRamp(10, 0.99))
                .restartMomentumEvery(4);
        for (int t = 1; t <= 5; t++) {
            optimizer.zeroGrad();
            first.sum().add(last.sum()).backward();
            optimizer.step();
            scheduler.step();
        }
        assertEquals(0.5 + 0.5 * 5 / 10.0, optimizer.paramGroups().get(0).momentum(), 1e-15);
        assertEquals(0.8 + 0.2 * 5 / 10.0, optimizer.paramGroups().get(1).momentum(), 1e-15);
        assertEquals(0.05, optimizer.paramGroups().get(1).lr(), 1e-15);
    }
}
