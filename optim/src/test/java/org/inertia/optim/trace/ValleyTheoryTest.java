package org.inertia.optim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.inertia.core.DType;
import org.inertia.optim.Momentum;
import org.inertia.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The claims of docs/optimizers.md, "Why momentum works", checked on the valley 0.5x² + 25y²
 * (curvatures 1 and 50, condition number κ = 50): each axis is its own linear recurrence, gradient
 * descent's best rate is (κ − 1)/(κ + 1), momentum's is (√κ − 1)/(√κ + 1) at Polyak's β and η.
 */
class ValleyTheoryTest {
    private static final double L_MIN = 1;
    private static final double L_MAX = 50;
    private static final double KAPPA = L_MAX / L_MIN;
    private static final double[] START = TestFunction.QUADRATIC.start();

    static final double GD_LR = 2 / (L_MIN + L_MAX);
    static final double HB_LR = 4 / Math.pow(Math.sqrt(L_MAX) + Math.sqrt(L_MIN), 2);
    static final double HB_BETA = Math.pow((Math.sqrt(KAPPA) - 1) / (Math.sqrt(KAPPA) + 1), 2);

    private static List<TracePoint> sgd(double lr, int steps) {
        return Trace.run(TestFunction.QUADRATIC, START, DType.FLOAT64, steps, p -> new SGD(p, SGD.options().lr(lr)));
    }

    private static List<TracePoint> momentum(double lr, double beta, int steps) {
        return Trace.run(TestFunction.QUADRATIC, START, DType.FLOAT64, steps,
                p -> new Momentum(p, Momentum.options().lr(lr).momentum(beta)));
    }

    @Test
    void gradientDescentShrinksEachAxisByItsOwnFactor() {
        double lr = 0.025;
        List<TracePoint> t = sgd(lr, 50);
        for (int s = 0; s <= 50; s++) {
            assertEquals(START[0] * Math.pow(1 - lr * L_MIN, s), t.get(s).x(), 1e-12);
            assertEquals(START[1] * Math.pow(1 - lr * L_MAX, s), t.get(s).y(), 1e-12);
        }
    }

    @Test
    void gradientDescentAtItsBestStepShrinksBothAxesByKappaMinusOneOverKappaPlusOne() {
        double rate = (KAPPA - 1) / (KAPPA + 1);
        List<TracePoint> t = sgd(GD_LR, 40);
        assertEquals(Math.pow(rate, 40), Math.abs(t.get(40).x() / START[0]), 1e-12);
        assertEquals(Math.pow(rate, 40), Math.abs(t.get(40).y() / START[1]), 1e-12);
    }

    @ParameterizedTest(name = "β = {0}")
    @ValueSource(doubles = {0.7, 0.8, 0.9, 0.95})
    void aboveTheOptimalBetaTheLossEnvelopeShrinksByBetaPerStep(double beta) {
        // With complex roots both axes spiral in at |r| = √β, so the loss (squared distance) shrinks by β.
        List<TracePoint> t = momentum(HB_LR, beta, 420);
        double rate = Math.pow(envelope(t, 400) / envelope(t, 200), 1.0 / 200);
        assertEquals(beta, rate, 0.02 * beta);
    }

    @Test
    void polyaksBetaAndStepBeatTheBestGradientDescentBySquareRootOfKappa() {
        int gd = stepsBelow(sgd(GD_LR, 1000), 1e-6);
        int hb = stepsBelow(momentum(HB_LR, HB_BETA, 1000), 1e-6);
        double gdRate = (KAPPA - 1) / (KAPPA + 1);
        double hbRate = (Math.sqrt(KAPPA) - 1) / (Math.sqrt(KAPPA) + 1);
        assertTrue(hb * 4 < gd, "momentum " + hb + " steps, gradient descent " + gd);
        // The step counts follow the rates: log(1e-6 / f₀) / (2 log rate), up to momentum's t·rᵗ transient.
        double f0 = TestFunction.QUADRATIC.at(org.inertia.core.Tensor.of(START)).item();
        assertEquals(Math.log(1e-6 / f0) / (2 * Math.log(gdRate)), gd, 3);
        assertTrue(hb < 1.6 * Math.log(1e-6 / f0) / (2 * Math.log(hbRate)), "momentum took " + hb + " steps");
    }

    @Test
    void belowTheOptimalBetaPolyaksStepDivergesAlongTheSteepAxis() {
        // Stable only while η·λ < 2(1 + β): 0.0614 · 50 = 3.07 needs β > 0.535.
        List<TracePoint> t = momentum(HB_LR, 0.5, 200);
        assertTrue(Math.abs(t.get(200).y()) > 1e3, "y = " + t.get(200).y());
        assertTrue(Double.isFinite(momentum(HB_LR, 0.55, 200).get(200).loss()));
    }

    @Test
    void atTheDocsSettingsMomentumSpiralsAtRootBetaAndNesterovDampsTheSteepAxis() {
        // η 0.025, β 0.9: both of momentum's axes in the complex band, loss × β per step; Nesterov's roots
        // multiply to β(1 − ηλ), so the flat axis (λ = 1) sets its rate: loss × 0.9 · 0.975.
        List<TracePoint> heavy = momentum(0.025, 0.9, 420);
        assertEquals(0.9, Math.pow(envelope(heavy, 400) / envelope(heavy, 200), 1.0 / 200), 0.02 * 0.9);
        List<TracePoint> nag = Trace.run(TestFunction.QUADRATIC, START, DType.FLOAT64, 420,
                p -> new org.inertia.optim.Nesterov(p, org.inertia.optim.Nesterov.options().lr(0.025).momentum(0.9)));
        assertEquals(0.9 * 0.975, Math.pow(envelope(nag, 400) / envelope(nag, 200), 1.0 / 200), 0.02 * 0.8775);
    }

    /** The largest loss in the 20 steps from {@code from}: one period of the spiral, whatever its phase. */
    private static double envelope(List<TracePoint> t, int from) {
        double max = 0;
        for (int s = from; s < from + 20; s++) {
            max = Math.max(max, t.get(s).loss());
        }
        return max;
    }

    private static int stepsBelow(List<TracePoint> t, double loss) {
        for (TracePoint p : t) {
            if (p.loss() < loss) {
                return (int) p.step();
            }
        }
        return Integer.MAX_VALUE;
    }
}
