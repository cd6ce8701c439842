package org.inertia.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.inertia.core.DType;
import org.inertia.core.Tensor;
import org.inertia.optim.schedule.Scheduler;
import org.inertia.optim.schedule.Schedules;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The relations between momentum forms, and the adaptive modes, on hand-checkable cases. */
class MomentumBehaviourTest {

    private static double maxAbsDiff(double[][] a, double[][] b) {
        double worst = 0;
        for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < a[k].length; i++) {
                worst = Math.max(worst, Math.abs(a[k][i] - b[k][i]));
            }
        }
        return worst;
    }

    @Test
    void lookAheadAndPyTorchNesterovAreTheSameAlgorithm() {
        // φ = θ − βv of the look-ahead form equals the PyTorch-form iterate at every step.
        double lr = 0.05;
        double beta = 0.9;
        Problem torchForm = new Problem(21);
        Problem lookAhead = new Problem(21);
        Optimizer a = new Nesterov(torchForm.params(), Nesterov.options().lr(lr).momentum(beta));
        Optimizer b = new Nesterov(lookAhead.params(), Nesterov.options().lr(lr).momentum(beta)
            .form(Nesterov.Form.LOOKAHEAD));
        for (int step = 1; step <= 40; step++) {
            torchForm.step(a);
            lookAhead.step(b);
            for (Tensor[] pair : new Tensor[][] {{torchForm.weight, lookAhead.weight}, {torchForm.bias, lookAhead.bias}}) {
                INDArray v = b.state(pair[1]).get("momentum_buffer");
                INDArray phi = pair[1].data().sub(v.mul(beta));
                double scale = Math.max(1, pair[0].data().amaxNumber().doubleValue());
                double diff = phi.distance1(pair[0].data()) / phi.length();
                assertTrue(diff < 1e-12 * scale, "step " + step + ": mean |φ − θ_pytorch| = " + diff);
            }
        }
    }

    @Test
    void heavyBallEqualsThePyTorchFormAtConstantLearningRateButNotUnderASchedule() {
        Problem torch = new Problem(22);
        Problem heavy = new Problem(22);
        Optimizer a = new Momentum(torch.params(), Momentum.options().lr(0.05));
        Optimizer b = new Momentum(heavy.params(), Momentum.options().lr(0.05).form(Momentum.Form.HEAVY_BALL));
        for (int i = 0; i < 30; i++) {
            torch.step(a);
            heavy.step(b);
        }
        assertTrue(maxAbsDiff(torch.snapshot(), heavy.snapshot()) < 1e-12);

        Problem torch2 = new Problem(22);
        Problem heavy2 = new Problem(22);
        Optimizer c = new Momentum(torch2.params(), Momentum.options().lr(0.05));
        Optimizer d = new Momentum(heavy2.params(), Momentum.options().lr(0.05).form(Momentum.Form.HEAVY_BALL));
        Scheduler sc = Scheduler.of(c).lr(Schedules.step(5, 0.3));
        Scheduler sd = Scheduler.of(d).lr(Schedules.step(5, 0.3));
        for (int i = 0; i < 30; i++) {
            torch2.step(c);
            heavy2.step(d);
            sc.step();
            sd.step();
        }
        assertTrue(maxAbsDiff(torch2.snapshot(), heavy2.snapshot()) > 1e-4,
            "after the lr drops, the heavy ball still carries steps taken at the old lr");
    }

    @Test
    void emaFormWithLearningRateOverOneMinusBetaEqualsThePyTorchForm() {
        Problem torch = new Problem(23);
        Problem ema = new Problem(23);
        Optimizer a = new Momentum(torch.params(), Momentum.options().lr(0.02).momentum(0.9));
        Optimizer b = new Momentum(ema.params(), Momentum.options().lr(0.02 / (1 - 0.9)).momentum(0.9)
            .form(Momentum.Form.EMA));
        for (int i = 0; i < 30; i++) {
            torch.step(a);
            ema.step(b);
        }
        assertTrue(maxAbsDiff(torch.snapshot(), ema.snapshot()) < 1e-10);
    }

    @Test
    void emaBiasCorrectionMakesTheFirstStepAFullGradientStep() {
        Tensor p = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true);
        Optimizer opt = new Momentum(List.of(p), Momentum.options().lr(0.1).form(Momentum.Form.EMA).biasCorrection(true));
        LinearGradients.set(p, 2, -4);
        opt.step();
        assertArrayEquals(new double[] {-0.2, 0.4}, p.toDoubleArray(), 1e-15);  // v/(1−β) = g
    }

    @Test
    void gradientRestartResetsTheVelocityWhenTheGradientDisagrees() {
        Tensor p = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true);
        Optimizer opt = new Momentum(List.of(p), Momentum.options().lr(0.1).adaptive(Adaptive.RESTART));
        LinearGradients.set(p, 1, 0);
        opt.step();
        LinearGradients.set(p, 1, 1);                       // agrees (gᵀv = 1 > 0): keep momentum
        opt.step();
        assertArrayEquals(new double[] {1.9, 1}, opt.state(p).get("momentum_buffer").toDoubleVector(), 1e-15);
        LinearGradients.set(p, -1, 0);                      // disagrees (gᵀv = −1.9 < 0): restart
        opt.step();
        assertArrayEquals(new double[] {-1, 0}, opt.state(p).get("momentum_buffer").toDoubleVector(), 1e-15);
    }

    @Test
    void consistencyScalingHalvesMomentumForOrthogonalGradientsAndDropsItForOpposite() {
        Tensor p = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true);
        Optimizer opt = new Momentum(List.of(p), Momentum.options().lr(0.1).momentum(0.9)
            .adaptive(Adaptive.CONSISTENCY));
        LinearGradients.set(p, 1, 0);
        opt.step();
        LinearGradients.set(p, 0, 1);                       // cos = 0: β·(1 + 0)/2 = 0.45
        opt.step();
        assertArrayEquals(new double[] {0.45, 1}, opt.state(p).get("momentum_buffer").toDoubleVector(), 1e-15);
        LinearGradients.set(p, -0.45, -1);                  // cos = −1: no momentum at all
        opt.step();
        assertArrayEquals(new double[] {-0.45, -1}, opt.state(p).get("momentum_buffer").toDoubleVector(), 1e-15);
    }

    @Test
    void lookAheadNesterovNeedsAClosure() {
        Tensor p = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true);
        Optimizer opt = new Nesterov(List.of(p), Nesterov.options().form(Nesterov.Form.LOOKAHEAD));
        LinearGradients.set(p, 1, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, opt::step);
        assertTrue(e.getMessage().contains("step(closure)"), e.getMessage());
    }

    @Test
    void lookAheadLeavesParametersWithoutAGradientWhereTheyWere() {
        Tensor used = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true);
        Tensor unused = Tensor.ones(DType.FLOAT64, 2).requiresGrad(true);
        Optimizer opt = new Nesterov(List.of(used, unused), Nesterov.options().lr(0.1).form(Nesterov.Form.LOOKAHEAD));
        for (int i = 0; i < 3; i++) {
            opt.step(() -> {
                opt.zeroGrad();
                Tensor loss = used.mul(Tensor.of(DType.FLOAT64, new double[] {1, 2})).sum();
                loss.backward();
                return loss;
            });
        }
        assertArrayEquals(new double[] {1, 1}, unused.toDoubleArray());
    }

    @Test
    void adamCannotRestartItsFirstMoment() {
        Tensor p = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true);
        Optimizer adam = new Adam(List.of(p), Adam.options());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, adam::resetVelocity);
        assertTrue(e.getMessage().contains("bias-corrected"), e.getMessage());
        assertEquals(false, adam.canResetVelocity());
    }
}
