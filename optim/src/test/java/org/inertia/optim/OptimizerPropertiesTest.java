package org.inertia.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.inertia.core.DType;
import org.inertia.core.Tensor;

/**
 * Random hyperparameters within their valid ranges, random gradients: every optimizer's trajectory
 * equals a direct, scalar re-implementation of its update equations (written here from the
 * equations in each class comment, sharing no code with the optimizers). The fixed reference
 * trajectories (PyTorch 1.13) pin the common settings; these cover the corners between them.
 */
class OptimizerPropertiesTest {
    private static final int N = 4;
    private static final int STEPS = 6;

    /** Gradients for each step: seeded, varied in sign and scale. */
    private static double[][] gradients(long seed) {
        Random r = new Random(seed);
        double[][] g = new double[STEPS][N];
        for (double[] row : g) {
            for (int i = 0; i < N; i++) {
                row[i] = r.nextGaussian() * Math.pow(10, r.nextInt(3) - 1);
            }
        }
        return g;
    }

    private static final double[] START = {0.5, -1.5, 2.0, 0.01};

    /** Runs {@code optimizer} over the gradients and returns θ after each step. */
    private static double[][] run(Optimizer optimizer, Tensor theta, double[][] grads) {
        double[][] out = new double[STEPS][];
        for (int t = 0; t < STEPS; t++) {
            LinearGradients.set(theta, grads[t]);
            optimizer.step();
            out[t] = theta.toDoubleArray();
        }
        return out;
    }

    private static Tensor theta() {
        return Tensor.of(DType.FLOAT64, START.clone()).requiresGrad(true);
    }

    private static void assertSameTrajectory(String what, double[][] expected, double[][] actual) {
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < N; i++) {
                double tolerance = 1e-9 * Math.max(1, Math.abs(expected[t][i]));
                assertEquals(expected[t][i], actual[t][i], tolerance, what + ", step " + (t + 1) + ", coordinate " + i);
            }
        }
    }

    @Property(tries = 40)
    void momentumAndNesterovInPytorchForm(@ForAll @Scale(12) @DoubleRange(min = 1e-4, max = 1) double lr,
                                          @ForAll @Scale(12) @DoubleRange(min = 0, max = 0.999) double mu,
                                          @ForAll @Scale(12) @DoubleRange(min = 0, max = 1) double dampening,
                                          @ForAll @Scale(12) @DoubleRange(min = 0, max = 0.1) double weightDecay,
                                          @ForAll boolean nesterov, @ForAll long seed) {
        if (nesterov) {            // Nesterov needs a momentum and no dampening (as in PyTorch)
            mu = Math.max(mu, 1e-3);
            dampening = 0;
        }
        double[][] grads = gradients(seed);
        Tensor p = theta();
        Optimizer o = nesterov
            ? new Nesterov(List.of(p), Nesterov.options().lr(lr).momentum(mu).dampening(dampening).weightDecay(weightDecay))
            : new Momentum(List.of(p), Momentum.options().lr(lr).momentum(mu).dampening(dampening).weightDecay(weightDecay));
        double[][] expected = new double[STEPS][];
        double[] x = START.clone();
        double[] v = new double[N];
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < N; i++) {
                double g = grads[t][i] + weightDecay * x[i];
                v[i] = t == 0 ? g : mu * v[i] + (1 - dampening) * g;
                x[i] -= lr * (nesterov ? g + mu * v[i] : v[i]);
            }
            expected[t] = x.clone();
        }
        assertSameTrajectory(nesterov ? "nesterov" : "momentum", expected, run(o, p, grads));
    }

    @Property(tries = 40)
    void momentumInEmaFormWithOptionalBiasCorrection(@ForAll @Scale(12) @DoubleRange(min = 1e-4, max = 1) double lr,
                                                     @ForAll @Scale(12) @DoubleRange(min = 0, max = 0.999) double beta,
                                                     @ForAll boolean biasCorrection, @ForAll long seed) {
        double[][] grads = gradients(seed);
        Tensor p = theta();
        Optimizer o = new Momentum(List.of(p), Momentum.options().lr(lr).momentum(beta).form(Momentum.Form.EMA)
            .biasCorrection(biasCorrection));
        double[][] expected = new double[STEPS][];
        double[] x = START.clone();
        double[] v = new double[N];
        for (int t = 0; t < STEPS; t++) {
            double correction = biasCorrection ? 1 - Math.pow(beta, t + 1) : 1;
            for (int i = 0; i < N; i++) {
                v[i] = beta * v[i] + (1 - beta) * grads[t][i];
                x[i] -= lr * v[i] / correction;
            }
            expected[t] = x.clone();
        }
        assertSameTrajectory("ema momentum", expected, run(o, p, grads));
    }

    @Property(tries = 40)
    void rmspropWithMomentumAndCentering(@ForAll @Scale(12) @DoubleRange(min = 1e-4, max = 0.1) double lr,
                                         @ForAll @Scale(12) @DoubleRange(min = 0, max = 0.999) double alphaDrawn,
                                         @ForAll @Scale(12) @DoubleRange(min = 1e-8, max = 1e-2) double eps,
                                         @ForAll @Scale(12) @DoubleRange(min = 0, max = 0.1) double weightDecay,
                                         @ForAll @Scale(12) @DoubleRange(min = 0, max = 0.99) double mu,
                                         @ForAll boolean centered, @ForAll long seed) {
        // Centred, the first step's variance is α(1 − α)g², computed as a difference of two numbers
        // 1/α times larger: below α = 0.1 both sides would only be comparing rounding errors.
        double alpha = centered ? Math.max(alphaDrawn, 0.1) : alphaDrawn;
        double[][] grads = gradients(seed);
        Tensor p = theta();
        Optimizer o = new RMSprop(List.of(p), RMSprop.options().lr(lr).alpha(alpha).eps(eps).weightDecay(weightDecay)
            .momentum(mu).centered(centered));
        double[][] expected = new double[STEPS][];
        double[] x = START.clone();
        double[] s = new double[N];
        double[] m = new double[N];
        double[] b = new double[N];
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < N; i++) {
                double g = grads[t][i] + weightDecay * x[i];
                s[i] = alpha * s[i] + (1 - alpha) * g * g;
                double d;
                if (centered) {
                    m[i] = alpha * m[i] + (1 - alpha) * g;
                    d = Math.sqrt(s[i] - m[i] * m[i]) + eps;
                } else {
                    d = Math.sqrt(s[i]) + eps;
                }
                if (mu > 0) {
                    b[i] = mu * b[i] + g / d;
                    x[i] -= lr * b[i];
                } else {
                    x[i] -= lr * g / d;
                }
            }
            expected[t] = x.clone();
        }
        assertSameTrajectory("rmsprop", expected, run(o, p, grads));
    }

    @Property(tries = 60)
    void adamAndAdamW(@ForAll @Scale(12) @DoubleRange(min = 1e-4, max = 0.1) double lr,
                      @ForAll @Scale(12) @DoubleRange(min = 0, max = 0.99) double beta1,
                      @ForAll @Scale(12) @DoubleRange(min = 0, max = 0.9999) double beta2,
                      @ForAll @Scale(12) @DoubleRange(min = 1e-8, max = 1e-3) double eps,
                      @ForAll @Scale(12) @DoubleRange(min = 0, max = 0.1) double weightDecay,
                      @ForAll boolean decoupled, @ForAll boolean amsgrad, @ForAll long seed) {
        double[][] grads = gradients(seed);
        Tensor p = theta();
        AdamOptions options = (decoupled ? AdamW.options() : Adam.options()).lr(lr).betas(beta1, beta2).eps(eps)
            .weightDecay(weightDecay).amsgrad(amsgrad);
        Optimizer o = decoupled ? new AdamW(List.of(p), options) : new Adam(List.of(p), options);
        double[][] expected = new double[STEPS][];
        double[] x = START.clone();
        double[] m = new double[N];
        double[] v = new double[N];
        double[] vMax = new double[N];
        for (int t = 1; t <= STEPS; t++) {
            for (int i = 0; i < N; i++) {
                double g = grads[t - 1][i];
                if (decoupled) {
                    x[i] *= 1 - lr * weightDecay;
                } else {
                    g += weightDecay * x[i];
                }
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                vMax[i] = Math.max(vMax[i], v[i]);
                double second = (amsgrad ? vMax[i] : v[i]) / (1 - Math.pow(beta2, t));
                x[i] -= lr * (m[i] / (1 - Math.pow(beta1, t))) / (Math.sqrt(second) + eps);
            }
            expected[t - 1] = x.clone();
        }
        assertSameTrajectory(decoupled ? "adamw" : "adam", expected, run(o, p, grads));
    }

    @Property(tries = 30)
    void sgdWithWeightDecay(@ForAll @Scale(12) @DoubleRange(min = 1e-4, max = 1) double lr,
                            @ForAll @Scale(12) @DoubleRange(min = 0, max = 0.1) double weightDecay, @ForAll long seed) {
        double[][] grads = gradients(seed);
        Tensor p = theta();
        Optimizer o = new SGD(List.of(p), SGD.options().lr(lr).weightDecay(weightDecay));
        double[][] expected = new double[STEPS][];
        double[] x = START.clone();
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < N; i++) {
                x[i] -= lr * (grads[t][i] + weightDecay * x[i]);
            }
            expected[t] = x.clone();
        }
        assertSameTrajectory("sgd", expected, run(o, p, grads));
    }
}
