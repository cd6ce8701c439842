package org.inertia.core;

import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An explicit, seedable source of randomness: weight initialisation, dropout masks, shuffling.
 *
 * <p>Inertia has no hidden global random state: whatever needs randomness takes an {@code Rng}, and
 * the same seed gives the same run. Arrays are generated natively by ND4J's counter-based generator
 * (one native op per array, deterministic across threads); {@link #state()} and {@link #restore}
 * capture and resume the stream exactly, which is what checkpoints store.
 *
 * <p>Not thread-safe: give each thread (each model being trained) its own.
 */
public final class Rng {
    /** Each thread's default generator, seeded 0 until {@link #manualSeed} (so an unseeded program is reproducible). */
    private static final ThreadLocal<Rng> DEFAULT = ThreadLocal.withInitial(() -> new Rng(0));

    private final long seed;
    private final Random source;

    /** A generator whose stream is fully determined by {@code seed} (any value, 0 included). */
    public Rng(long seed) {
        this.seed = seed;
        this.source = Nd4j.getRandomFactory().getNewRandomInstance(nativeSeed(seed));
    }

    /**
     * libnd4j treats seed 0 as "seed from the clock", which would make {@code new Rng(0)}
     * irreproducible; mixing the seed (SplitMix64's finaliser) avoids 0 and also decorrelates
     * neighbouring seeds such as 1, 2, 3.
     */
    static long nativeSeed(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return z == 0 ? 0x9E3779B97F4A7C15L : z;
    }

    /**
     * Re-seeds this thread's default generator, which {@code Tensor.randn}/{@code rand} and layers built
     * without an explicit {@code Rng} draw from (as {@code torch.manual_seed}).
     */
    public static void manualSeed(long seed) {
        DEFAULT.set(new Rng(seed));
    }

    /** This thread's default generator (see {@link #manualSeed}). */
    public static Rng defaultGenerator() {
        return DEFAULT.get();
    }

    /** The position in the random stream; {@link #restore(State)} continues from it exactly. */
    public record State(long seed, long root, long node) {
    }

    /** The seed this generator was created with. */
    public long seed() {
        return seed;
    }

    /** The current position in the stream, to {@link #restore} later (checkpoints store it). */
    public State state() {
        return new State(seed, source.rootState(), source.nodeState());
    }

    /** Continues the stream from {@code state}, as if the draws since it was taken had not happened. */
    public void restore(State state) {
        Objects.requireNonNull(state, "state");
        source.setStates(state.root(), state.node());
    }

    /** Uniform in {@code [low, high)}. */
    public INDArray uniform(DType dtype, double low, double high, long... shape) {
        if (!(low <= high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("uniform: need finite low <= high, got low=" + low + ", high=" + high);
        }
        INDArray out = Nd4j.createUninitialized(floating("uniform", dtype), shape);
        Nd4j.getExecutioner().exec(new UniformDistribution(out, low, high), source);
        return out;
    }

    /** Normal with the given mean and standard deviation. */
    public INDArray normal(DType dtype, double mean, double std, long... shape) {
        if (!(std >= 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("normal: need a finite mean and std >= 0, got mean=" + mean + ", std=" + std);
        }
        INDArray out = Nd4j.createUninitialized(floating("normal", dtype), shape);
        Nd4j.getExecutioner().exec(new GaussianDistribution(out, mean, std), source);
        return out;
    }

    /** 1 with probability {@code p}, else 0. */
    public INDArray bernoulli(DType dtype, double p, long... shape) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli: probability must be in [0, 1], got " + p);
        }
        INDArray out = Nd4j.createUninitialized(floating("bernoulli", dtype), shape);
        Nd4j.getExecutioner().exec(new BernoulliDistribution(out, p), source);
        return out;
    }

    /** A uniformly random 64-bit value. */
    public long nextLong() {
        return source.nextLong();
    }

    /** Uniform in {@code [0, bound)}. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
        }
        return source.nextInt(bound);
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates, seeded from this stream). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        java.util.SplittableRandom shuffle = new java.util.SplittableRandom(nextLong());
        for (int i = n - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static DataType floating(String op, DType dtype) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException(op + ": needs float32 or float64, got " + dtype);
        }
        return dtype.nd4j();
    }
}
