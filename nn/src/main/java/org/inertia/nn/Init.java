package org.inertia.nn;

import java.util.Locale;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weight initialisation, in place, from an explicit random source (as {@code torch.nn.init}).
 *
 * <p>Layers built without an {@link Rng} draw from this thread's default generator: seed it with
 * {@link #manualSeed(long)} (like {@code torch.manual_seed}) and the same seed builds the same model.
 * It is per thread, so models built on two threads at once do not disturb each other, and it starts
 * from seed 0, so even an unseeded program is reproducible.
 */
public final class Init {
    private Init() {
    }

    /** Re-seeds this thread's default generator ({@link Rng#manualSeed}), as {@code torch.manual_seed}. */
    public static void manualSeed(long seed) {
        Rng.manualSeed(seed);
    }

    /** This thread's default generator ({@link Rng#defaultGenerator}), used by layers built without an {@link Rng}. */
    public static Rng generator() {
        return Rng.defaultGenerator();
    }

    /** The nonlinearity a layer feeds, for {@link #gain}. */
    public enum Nonlinearity {
        /** no nonlinearity (gain 1) */
        LINEAR,
        /** σ (gain 1) */
        SIGMOID,
        /** tanh (gain 5/3) */
        TANH,
        /** ReLU (gain √2) */
        RELU,
        /** leaky ReLU with a slope (gain √(2/(1 + slope²))) */
        LEAKY_RELU
    }

    /** Whether kaiming preserves the variance of activations (fan in) or of gradients (fan out). */
    public enum FanMode {
        /** the inputs per output: preserves the activations' variance (forward) */
        FAN_IN,
        /** the outputs per input: preserves the gradients' variance (backward) */
        FAN_OUT
    }

    /** PyTorch's {@code calculate_gain}: 1, 1, 5/3, √2, √(2/(1 + slope²)). */
    public static double gain(Nonlinearity nonlinearity, double negativeSlope) {
        return switch (nonlinearity) {
            case LINEAR, SIGMOID -> 1;
            case TANH -> 5.0 / 3;
            case RELU -> Math.sqrt(2);
            case LEAKY_RELU -> Math.sqrt(2 / (1 + negativeSlope * negativeSlope));
        };
    }

    /** {fan in, fan out}: for [out, in] matrices and [out, in, kh, kw] kernels (times kh·kw). */
    public static long[] fans(Tensor t) {
        long[] s = t.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException("fan in and fan out need at least 2 dimensions, got shape "
                    + java.util.Arrays.toString(s));
        }
        long receptive = 1;
        for (int i = 2; i < s.length; i++) {
            receptive *= s[i];
        }
        return new long[] {s[1] * receptive, s[0] * receptive};
    }

    /** Fills {@code t} with uniform values in {@code [low, high)} from {@code rng}; returns it. */
    public static Tensor uniform(Tensor t, double low, double high, Rng rng) {
        return fill(t, rng.uniform(t.dtype(), low, high, t.shape()));
    }

    /** Fills {@code t} with normal values from {@code rng}; returns it. */
    public static Tensor normal(Tensor t, double mean, double std, Rng rng) {
        return fill(t, rng.normal(t.dtype(), mean, std, t.shape()));
    }

    /** Fills {@code t} with zeros; returns it. */
    public static Tensor zeros(Tensor t) {
        t.data().assign(0);
        return t;
    }

    /** Fills {@code t} with {@code value}; returns it. */
    public static Tensor constant(Tensor t, double value) {
        t.data().assign(value);
        return t;
    }

    /** Glorot: U(−a, a) with a = gain·√(6/(fan in + fan out)). */
    public static Tensor xavierUniform(Tensor t, double gain, Rng rng) {
        long[] f = fans(t);
        double a = gain * Math.sqrt(6.0 / (f[0] + f[1]));
        return uniform(t, -a, a, rng);
    }

    /** Glorot: N(0, σ²) with σ = gain·√(2/(fan in + fan out)). */
    public static Tensor xavierNormal(Tensor t, double gain, Rng rng) {
        long[] f = fans(t);
        return normal(t, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])), rng);
    }

    /** He: U(−b, b) with b = gain·√(3/fan), gain from the nonlinearity (PyTorch's defaults: fan in, leaky relu). */
    public static Tensor kaimingUniform(Tensor t, double negativeSlope, FanMode mode, Nonlinearity nonlinearity, Rng rng) {
        double std = gain(nonlinearity, negativeSlope) / Math.sqrt(fan(t, mode));
        double bound = Math.sqrt(3.0) * std;
        return uniform(t, -bound, bound, rng);
    }

    /** He: N(0, σ²) with σ = gain/√fan. */
    public static Tensor kaimingNormal(Tensor t, double negativeSlope, FanMode mode, Nonlinearity nonlinearity, Rng rng) {
        return normal(t, 0, gain(nonlinearity, negativeSlope) / Math.sqrt(fan(t, mode)), rng);
    }

    /**
     * PyTorch's default for Linear and Conv2d weights: kaiming uniform with a = √5, which gives
     * U(−1/√fan_in, 1/√fan_in); biases use the same bound.
     */
    public static void pytorchDefault(Tensor weight, Tensor bias, Rng rng) {
        kaimingUniform(weight, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, rng);
        if (bias != null) {
            double bound = 1 / Math.sqrt(fans(weight)[0]);
            uniform(bias, -bound, bound, rng);
        }
    }

    private static long fan(Tensor t, FanMode mode) {
        long[] f = fans(t);
        long fan = mode == FanMode.FAN_IN ? f[0] : f[1];
        if (fan == 0) {
            throw new IllegalArgumentException("cannot initialise a tensor with zero " + mode.name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ') + ", shape " + java.util.Arrays.toString(t.shape()));
        }
        return fan;
    }

    private static Tensor fill(Tensor t, INDArray values) {
        t.data().assign(values);
        return t;
    }
}
