package org.inertia.core.ops;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The small, memory-bound steps of a training step — bias add, ReLU, bias gradient — as plain Java
 * loops over a heap copy of the data, for float32 arrays of up to {@link #limit} elements.
 *
 * <p>Why: one ND4J call on an array of 10³–10⁵ elements costs 30–150 µs on the test machine, and
 * almost all of it is fixed — op objects and shape descriptors built in Java, the JNI call, an
 * OpenMP fork and join — while the arithmetic takes a few microseconds. A bulk copy to the heap
 * (about 3 µs per 256 KB), a loop there (about 0.5 ns per element) and a bulk copy back have no such
 * fixed cost. Larger arrays keep ND4J's threaded kernels, which win once the arithmetic dominates;
 * so do float64 arrays (gradient checks) and views. The callers keep the ND4J path beside each
 * kernel, and {@code SmallArraysTest} checks that the two agree (docs/performance.md has the
 * measurements).
 *
 * <p>The loops run on one thread, on per-thread scratch arrays that are reused from call to call.
 */
public final class SmallArrays {
    /** Arrays of at most this many elements take the Java loops; 0 turns them off. */
    private static volatile long limit = Long.getLong("inertia.smallArrayLimit", 1L << 18);

    private static final int SLOTS = 2;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[SLOTS][]);

    private SmallArrays() {
    }

    /** The size limit (elements) below which the Java loops are used. */
    public static long limit() {
        return limit;
    }

    /** Sets the size limit; 0 sends everything through ND4J. For tests and measurements. */
    public static void setLimit(long elements) {
        if (elements < 0) {
            throw new IllegalArgumentException("SmallArrays: limit must be >= 0, got " + elements);
        }
        limit = elements;
    }

    /**
     * Whether every array is a dense row-major float32 array of its own (not a view into another's
     * buffer), small enough for the loops.
     */
    static boolean fit(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || a.length() > limit || a.isView() || a.offset() != 0
                    || a.ordering() != 'c' || !Shape.hasDefaultStridesForShape(a)) {
                return false;
            }
        }
        return true;
    }

    /** y ← y + b for every row of y {@code [R, C]}, with b {@code [C]}. */
    static void addRowVector(INDArray y, INDArray b) {
        int cols = (int) b.length();
        int n = (int) y.length();
        float[] v = read(y, 0);
        float[] bias = read(b, 1);
        for (int row = 0; row < n; row += cols) {
            for (int c = 0; c < cols; c++) {
                v[row + c] += bias[c];
            }
        }
        write(v, y);
    }

    /** max(x, 0), as a new array. */
    static INDArray relu(INDArray x) {
        int n = (int) x.length();
        float[] v = read(x, 0);
        for (int i = 0; i < n; i++) {
            v[i] = Math.max(v[i], 0f);                 // NaN stays NaN, as in PyTorch
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
        write(v, out);
        return out;
    }

    /** g where y &gt; 0, else 0 (y the ReLU's output), as a new array. */
    static INDArray reluBackward(INDArray y, INDArray g) {
        int n = (int) y.length();
        float[] out = read(y, 0);
        float[] grad = read(g, 1);
        for (int i = 0; i < n; i++) {
            // Keep g's bits where y > 0 (y's bits are then positive), zero them elsewhere. An integer mask
            // compiles without a branch; `y > 0 ? g : 0` on floats branched and mispredicted on half the
            // elements (4 ns each instead of 0.4).
            int keep = Float.floatToRawIntBits(out[i]) > 0 ? -1 : 0;
            out[i] = Float.intBitsToFloat(Float.floatToRawIntBits(grad[i]) & keep);
        }
        INDArray result = Nd4j.createUninitialized(DataType.FLOAT, g.shape());
        write(out, result);
        return result;
    }

    /**
     * Softmax cross-entropy of logits {@code [N, C]} (row-major in {@code logits}) against class
     * {@code labels} with label smoothing ε, in one pass per row: returns the per-example losses
     * ℓᵢ = log Σⱼ e^xᵢⱼ − Σⱼ qⱼ xᵢⱼ and leaves softmax(xᵢ) − q in {@code logits}, where
     * q = (1 − ε)·onehot(yᵢ) + ε/C. Sums run in double; labels must already be in range.
     */
    static double[] crossEntropy(float[] logits, long[] labels, int classes, double smoothing) {
        int n = labels.length;
        double[] losses = new double[n];
        double off = smoothing / classes;
        double on = 1 - smoothing + off;
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[row + c]);
            }
            double sumExp = 0;
            double targetDotX = 0;
            for (int c = 0; c < classes; c++) {
                double shifted = logits[row + c] - (double) max;
                sumExp += Math.exp(shifted);
                targetDotX += (c == labels[i] ? on : off) * shifted;
            }
            double logSumExp = Math.log(sumExp);
            losses[i] = logSumExp - targetDotX;                     // −Σ q log softmax, as Σ q = 1
            for (int c = 0; c < classes; c++) {
                double p = Math.exp(logits[row + c] - (double) max - logSumExp);
                logits[row + c] = (float) (p - (c == labels[i] ? on : off));
            }
        }
        return losses;
    }

    /** A's elements, in row-major order, in this thread's scratch array {@code slot} (which may be longer). */
    static float[] read(INDArray a, int slot) {
        int n = (int) a.length();
        float[][] scratch = SCRATCH.get();
        if (scratch[slot] == null || scratch[slot].length < n) {
            scratch[slot] = new float[Math.max(n, 1024)];
        }
        floats(a).get(0, scratch[slot], 0, n);
        return scratch[slot];
    }

    /** A's elements in a new heap array. */
    static float[] copy(INDArray a) {
        float[] v = new float[(int) a.length()];
        floats(a).get(0, v, 0, v.length);
        return v;
    }

    /** The first {@code dst.length()} elements of {@code src} into dst, a dense row-major float32 array. */
    public static void write(float[] src, INDArray dst) {
        floats(dst).put(0, src, 0, (int) dst.length());
    }

    /** An int64 array's elements in a new heap array (labels). */
    static long[] longs(INDArray a) {
        if (a.dataType() != DataType.INT64 || a.isView() || a.offset() != 0 || !Shape.hasDefaultStridesForShape(a)) {
            return a.toLongVector();
        }
        long[] v = new long[(int) a.length()];
        LongBuffer buffer = a.data().asNio().order(ByteOrder.nativeOrder()).asLongBuffer();
        buffer.get(0, v, 0, v.length);
        return v;
    }

    private static FloatBuffer floats(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
