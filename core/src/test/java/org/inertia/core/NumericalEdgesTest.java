package org.inertia.core;

import static org.inertia.core.TestTensors.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.inertia.core.ops.Losses;
import org.junit.jupiter.api.Test;

/**
 * The numerically delicate ops stay finite wherever the mathematics is finite: log-softmax and
 * cross-entropy with logits far beyond exp's range, sqrt and log next to zero. Gradients are
 * checked against finite differences (float64) where a finite-difference step fits, and against the
 * closed form where it does not.
 */
class NumericalEdgesTest {
    private static void assertFinite(String what, double[] values) {
        for (double v : values) {
            assertTrue(Double.isFinite(v), what + " has a non-finite value: " + java.util.Arrays.toString(values));
        }
    }

    @Test
    void logSoftmaxOfHugeLogitsIsFiniteAndItsGradientChecks() {
        Tensor logits = f64(new double[] {1000, 0, -1000, 500, 1e4, -1e4, 3, 1e4 - 1, 2, 1, 0, -1}, 3, 4);
        double[] out = logits.logSoftmax(1).toDoubleArray();
        assertFinite("log-softmax", out);
        assertEquals(0, out[0], 1e-12);                          // log(e^1000 / (e^1000 + ...)) = 0
        assertEquals(-1000, out[1], 1e-9);
        // Step 1e-4: with values near 1e4 a 1e-6 step loses six digits to cancellation.
        GradCheck.check("logSoftmax (|logits| up to 1e4)", in -> in[0].logSoftmax(1).mul(in[1]).sum(), 1e-4,
            logits, f64(new double[] {1, -2, 0.5, 3, -1, 2, 0.25, 1, 1, 1, -1, 2}, 3, 4)).assertWithin(1e-6);
    }

    @Test
    void logSoftmaxInFloat32StaysFiniteBeyondExpOverflow() {
        Tensor logits = Tensor.of(new float[] {200, -200, 0, 100}, 2, 2);   // e^200 overflows float32
        assertFinite("float32 log-softmax", logits.logSoftmax(1).toDoubleArray());
    }

    @Test
    void crossEntropyWithExtremeLogitsHasTheExactLossAndGradient() {
        Tensor logits = f64(new double[] {1e4, 0, -1e4, 1e4, 0, -1e4}, 2, 3).requiresGrad(true);
        Tensor labels = Tensor.ofLongs(0, 2);
        Tensor loss = Losses.crossEntropy(logits, labels);      // mean over the batch
        loss.backward();
        assertEquals((0 + 2e4) / 2, loss.item(), 1e-9);          // right with certainty, then wrong by 2e4
        double[] g = logits.grad().toDoubleArray();
        assertFinite("cross-entropy gradient", g);
        assertArrayEquals(new double[] {0, 0, 0, 0.5, 0, -0.5}, g, 1e-12);   // (softmax − one-hot) / N
        GradCheck.check("crossEntropy (logits ±1e4)", in -> Losses.crossEntropy(in[0], labels),
            f64(new double[] {1e4, 0, -1e4, 1e4, 0, -1e4}, 2, 3)).assertWithin(1e-6);
    }

    @Test
    void crossEntropyInFloat32WithLogitsBeyondExpRange() {
        Tensor logits = Tensor.of(new float[] {500, -500, 0, -500, 500, 0}, 2, 3).requiresGrad(true);
        Tensor loss = Losses.crossEntropy(logits, Tensor.ofLongs(1, 1));
        loss.backward();
        assertEquals(500, loss.item(), 1e-3);                    // (1000 + 0) / 2
        assertFinite("float32 cross-entropy gradient", logits.grad().toDoubleArray());
    }

    @Test
    void sqrtAndLogNextToZeroHaveFiniteGradients() {
        Tensor x = f64(new double[] {1e-300, 1e-12, 1e-6}, 3).requiresGrad(true);
        x.log().sum().backward();
        double[] g = x.grad().toDoubleArray();
        assertFinite("d log(x)", g);
        assertArrayEquals(new double[] {1e300, 1e12, 1e6}, g, 1e-6 * 1e300);
        assertEquals(1e12, g[1], 1e-3);

        Tensor y = f64(new double[] {1e-300, 1e-12, 1e-6}, 3).requiresGrad(true);
        y.sqrt().sum().backward();
        double[] h = y.grad().toDoubleArray();
        assertFinite("d sqrt(x)", h);
        assertEquals(0.5 / Math.sqrt(1e-12), h[1], 1e-3);
        assertEquals(0.5 / Math.sqrt(1e-300), h[0], 1e140);

        // Finite differences where a step fits inside the domain: steps of 1e-9 around 1e-6.
        GradCheck.check("log near 0", in -> in[0].log().sum(), 1e-10, f64(new double[] {1e-6, 2e-6}, 2))
            .assertWithin(1e-5);
        GradCheck.check("sqrt near 0", in -> in[0].sqrt().sum(), 1e-10, f64(new double[] {1e-6, 2e-6}, 2))
            .assertWithin(1e-5);
    }
}
