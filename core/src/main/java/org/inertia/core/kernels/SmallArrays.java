package org.inertia.core.kernels;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain Java loops over heap copies of small float32 arrays, for the steps of a training step that
 * ND4J runs slowest for their size: the linear layer's bias add, softmax cross-entropy
 * ({@link CrossEntropyKernel}) and the Adam update ({@code optim}'s fused Adam). Arrays of up to {@link #limit} elements qualify.
 *
 * <p>Why: inside a training step an ND4J call on a small array costs almost nothing but its fixed
 * part — op objects and shape descriptors built in Java, the JNI call, an OpenMP fork and join — and
 * a cross-entropy takes a dozen such calls. A bulk copy to the heap, a loop there and a bulk copy back
 * have no fixed cost. Larger arrays, float64 (gradient checks) and views
 * keep the ND4J path beside each loop, and tests check that the two agree. Where a Java loop did not
 * beat ND4J (ReLU, max pooling, the bias gradient, momentum's axpy) there is none
 * (docs/performance.md, "Notes behind the code").
 */
public final class SmallArrays {
    /** Arrays of at most this many elements take the Java loops; 0 turns them off. */
    private static volatile long limit = Long.getLong("inertia.smallArrayLimit", 1L << 18);

    /** Scratch arrays per thread: {@link #read} slots 0 to 3. */
    private static final int SLOTS = 4;
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
    public static boolean fit(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || a.length() > limit || !dense(a)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code a} owns its buffer and lays its elements out row-major without gaps. (ND4J's
     * {@code Shape.hasDefaultStridesForShape} answers no for some unit dimensions, e.g. [1, 1, 2, 2].)
     */
    public static boolean dense(INDArray a) {
        if (a.isView() || a.offset() != 0 || a.ordering() != 'c') {
            return false;
        }
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /** y ← y + b for every row of y {@code [R, C]}, with b {@code [C]}. */
    public static void addRowVector(INDArray y, INDArray b) {
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

    /**
     * A's elements, in row-major order, in this thread's scratch array {@code slot} (0 to 3; the array may
     * be longer than A). The next read of the same slot on this thread overwrites it, so a caller copies
     * its arrays in, loops, and writes them back before it returns; no garbage is made per call.
     */
    public static float[] read(INDArray a, int slot) {
        int n = (int) a.length();
        float[][] scratch = SCRATCH.get();
        if (scratch[slot] == null || scratch[slot].length < n) {
            scratch[slot] = new float[Math.max(n, 1024)];
        }
        floats(a).get(0, scratch[slot], 0, n);
        return scratch[slot];
    }

    /** The elements of a dense row-major float32 array (one that {@link #fit}s) in a new heap array. */
    public static float[] copy(INDArray a) {
        float[] v = new float[(int) a.length()];
        floats(a).get(0, v, 0, v.length);
        return v;
    }

    /** The first {@code dst.length()} elements of {@code src} into dst, a dense row-major float32 array. */
    public static void write(float[] src, INDArray dst) {
        floats(dst).put(0, src, 0, (int) dst.length());
    }

    /** An int64 array's elements in a new heap array (labels). */
    public static long[] longs(INDArray a) {
        if (a.dataType() != DataType.INT64 || !dense(a)) {
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
