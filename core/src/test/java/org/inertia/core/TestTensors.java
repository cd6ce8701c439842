package org.inertia.core;

/** Deterministic float64 inputs for gradient checks. */
public final class TestTensors {
    private TestTensors() {
    }

    /** Uniform in [-1, 1), seeded by the shape so every case gets its own fixed values. */
    public static Tensor rand(long... shape) {
        return Tensor.uniform(DType.FLOAT64, new Rng(java.util.Arrays.hashCode(shape)), -1, 1, shape);
    }

    /** Uniform in [0.5, 2): safe for log, sqrt, division and fractional powers. */
    public static Tensor positive(long... shape) {
        return Tensor.uniform(DType.FLOAT64, new Rng(31L * java.util.Arrays.hashCode(shape) + 7), 0.5, 2, shape);
    }

    /** Uniform magnitudes in [0.1, 1.1) with random signs: no value near a kink at 0. */
    public static Tensor awayFromZero(long... shape) {
        Tensor r = rand(shape);
        return Tensor.wrap(r.data().add(org.nd4j.linalg.ops.transforms.Transforms.sign(r.data(), true).muli(0.1)));
    }

    public static Tensor f64(double[] values, long... shape) {
        return Tensor.of(DType.FLOAT64, values, shape);
    }
}
