package org.inertia.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.inertia.core.DType;
import org.inertia.core.Tensor;
import org.inertia.optim.Adam;
import org.inertia.optim.Momentum;
import org.inertia.optim.Optimizer;
import org.inertia.optim.SGD;
import org.junit.jupiter.api.Test;

/**
 * Schedule values at chosen steps. The expected numbers were printed by PyTorch 1.13's schedulers
 * (StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LinearLR, OneCycleLR) stepping an SGD
 * optimizer with lr 0.1 and momentum 0.9.
 */
class ScheduleTest {
    private static void assertValues(double[] expected, Schedule schedule, double base) {
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], schedule.value(t, base), 1e-15 * Math.max(1, Math.abs(expected[t])), "t=" + t);
        }
    }

    @Test
    void stepMultiStepExponentialMatchPyTorch() {
        assertValues(new double[] {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125},
            Schedules.step(3, 0.5), 0.1);
        assertValues(new double[] {0.1, 0.1, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002,
            0.0010000000000000002, 0.0010000000000000002, 0.0010000000000000002},
            Schedules.multiStep(new long[] {5, 2}, 0.1), 0.1);
        assertValues(new double[] {0.1, 0.09000000000000001, 0.08100000000000002, 0.07290000000000002,
            0.06561000000000002}, Schedules.exponential(0.9), 0.1);
    }

    @Test
    void cosineMatchesPyTorchThenStaysAtTheMinimum() {
        assertValues(new double[] {0.1, 0.09757729755661011, 0.0905463412215599, 0.07959536998847742,
            0.0657963412215599, 0.0505, 0.03520365877844011, 0.02140463001152259, 0.010453658778440109,
            0.0034227024433899004, 0.001}, Schedules.cosine(10, 0.001), 0.1);
        // PyTorch's recursive form rises again after T_max; Inertia holds the minimum.
        assertEquals(0.001, Schedules.cosine(10, 0.001).value(11, 0.1));
    }

    @Test
    void linearWarmupMatchesPyTorchLinearLR() {
        assertValues(new double[] {0.010000000000000002, 0.03250000000000001, 0.055000000000000014,
            0.07750000000000003, 0.10000000000000003, 0.10000000000000003}, Schedules.linearWarmup(4, 0.1), 0.1);
    }

    @Test
    void oneCycleMatchesPyTorch() {
        assertValues(new double[] {0.040000000000000036, 0.52, 1.0, 0.9504846320134737, 0.8117456539497631,
            0.6112620219362893, 0.38874197806371075, 0.18825834605023697, 0.049519367986526286, 4e-06},
            Schedules.oneCycle(1.0, 10), 0.1);
        assertValues(new double[] {0.95, 0.8999999999999999, 0.85, 0.854951556604879, 0.8688255099070633,
            0.8888739533021842, 0.9111260466978157, 0.9311744900929366, 0.945048443395121, 0.95},
            Schedules.oneCycleMomentum(10, 0.3, 0.85, 0.95), 0.9);
    }

    @Test
    void momentumRampIsLinearAndCapped() {
        Schedule ramp = Schedules.momentumRamp(100, 0.99);
        assertEquals(0.5, ramp.value(0, 0.5));
        assertEquals(0.5 + 0.5 * 0.1, ramp.value(10, 0.5), 1e-15);
        assertEquals(0.5 + 0.5 * 0.5, ramp.value(50, 0.5), 1e-15);
        assertEquals(0.99, ramp.value(99, 0.5));
        assertEquals(0.99, ramp.value(1000, 0.5));
    }

    @Test
    void schedulesCompose() {
        Schedule warmupThenCosine = Schedules.sequence(Schedules.linearWarmup(4, 0.25), 4, Schedules.cosine(10, 0));
        assertEquals(0.25, warmupThenCosine.value(0, 1), 1e-15);
        assertEquals(0.8125, warmupThenCosine.value(3, 1), 1e-15);
        assertEquals(1.0, warmupThenCosine.value(4, 1), 1e-15);
        assertEquals(0.5, warmupThenCosine.value(9, 1), 1e-15);
        assertEquals(0.0, warmupThenCosine.value(14, 1), 1e-15);
        Schedule halvedWarmup = Schedules.chain(Schedules.linearWarmup(2, 0.5), Schedules.step(1, 0.5));
        assertEquals(0.5, halvedWarmup.value(0, 1), 1e-15);     // warm-up 0.5, then 0.5^0
        assertEquals(0.375, halvedWarmup.value(1, 1), 1e-15);   // warm-up 0.75, then 0.5^1
    }

    @Test
    void schedulerSetsLearningRateAndMomentumOnEveryGroup() {
        Tensor p = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true);
        Optimizer opt = new Momentum(List.of(p), Momentum.options().lr(0.1).momentum(0.9));
        Scheduler s = Scheduler.of(opt).lr(Schedules.step(3, 0.5)).momentum(Schedules.oneCycleMomentum(10, 0.3, 0.85, 0.95));
        assertEquals(0.1, opt.paramGroups().get(0).lr(), "t = 0 applied at once");
        assertEquals(0.95, opt.paramGroups().get(0).momentum());
        for (int i = 0; i < 3; i++) {
            s.step();
        }
        assertEquals(3, s.t());
        assertEquals(0.05, opt.paramGroups().get(0).lr(), 1e-15);
        assertEquals(0.854951556604879, opt.paramGroups().get(0).momentum(), 1e-15);
        s.setT(0);
        assertEquals(0.1, opt.paramGroups().get(0).lr());
    }

    @Test
    void oneCycleMovesAdamsBeta1() {
        Tensor p = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true);
        Optimizer adam = new Adam(List.of(p), Adam.options());
        Scheduler.of(adam).momentum(Schedules.oneCycleMomentum(10, 0.3, 0.85, 0.95));
        assertEquals(0.95, ((org.inertia.optim.AdamOptions) adam.paramGroups().get(0).options()).beta1());
    }

    @Test
    void momentumRestartEveryKStepsClearsTheVelocity() {
        Tensor p = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true);
        Optimizer opt = new Momentum(List.of(p), Momentum.options().lr(0.1));
        Scheduler s = Scheduler.of(opt).restartMomentumEvery(3);
        for (int step = 1; step <= 3; step++) {
            org.inertia.optim.LinearGradients.set(p, 1, 1);
            opt.step();
            s.step();
        }
        assertNull(opt.state(p).get("momentum_buffer"), "reset after the 3rd step");
        org.inertia.optim.LinearGradients.set(p, 1, 1);
        opt.step();
        assertEquals(1.0, opt.state(p).get("momentum_buffer").getDouble(0), "the next step starts afresh: v = g");
    }

    @Test
    void badSchedulesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Schedules.step(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Schedules.cosine(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> Schedules.linearWarmup(5, 0));
        assertThrows(IllegalArgumentException.class, () -> Schedules.momentumRamp(10, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Schedules.oneCycle(1, 1));
        Tensor p = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true);
        IllegalArgumentException noMomentum = assertThrows(IllegalArgumentException.class,
            () -> Scheduler.of(new SGD(List.of(p), SGD.options())).momentum(Schedules.constant()));
        assertTrue(noMomentum.getMessage().contains("no momentum"), noMomentum.getMessage());
        IllegalArgumentException noRestart = assertThrows(IllegalArgumentException.class,
            () -> Scheduler.of(new Adam(List.of(p), Adam.options())).restartMomentumEvery(5));
        assertTrue(noRestart.getMessage().contains("Adam"), noRestart.getMessage());
    }
}
