package org.inertia.core;

import java.util.Arrays;

/** Shape arithmetic and the checks that turn a wrong shape into a message naming the op and both shapes. */
public final class Shapes {
    private Shapes() {
    }

    /** {@code [2, 3]} style text for messages. */
    public static String str(long[] shape) {
        return Arrays.toString(shape);
    }

    /** The number of elements of an array of {@code shape} (1 for rank 0); throws on overflow. */
    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Refuses negative dimensions. Returns {@code shape}. */
    public static long[] requireValid(String op, long[] shape) {
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(op + ": invalid shape " + str(shape) + ", dimensions must be >= 0");
            }
        }
        return shape;
    }

    /** Normalises a possibly negative axis for a tensor of the given rank. */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a tensor of rank " + rank
                    + " (allowed: " + (-rank) + " to " + (rank - 1) + ")");
        }
        return a;
    }

    /** Normalised, sorted, duplicate-free axes; {@code null} means all axes. */
    public static int[] axes(String op, int[] axes, int rank) {
        if (axes == null) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = axis(op, axes[i], rank);
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw new IllegalArgumentException(op + ": axis " + out[i] + " is given twice in " + Arrays.toString(axes));
            }
        }
        return out;
    }

    /**
     * The NumPy broadcast of two shapes: aligned from the right, each pair of sizes equal or one of
     * them 1. Throws naming the op and both shapes otherwise.
     */
    public static long[] broadcast(String op, long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
                        + " cannot be broadcast together (sizes " + da + " and " + db + " at axis " + i
                        + " of the aligned shapes; each pair must be equal or contain a 1)");
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** Throws unless both tensors have the same floating dtype. */
    public static void requireSameFloatType(String op, Tensor a, Tensor b) {
        DType ta = a.dtype();
        DType tb = b.dtype();
        if (!ta.isFloating() || !tb.isFloating()) {
            throw new IllegalArgumentException(op + ": needs floating tensors, got " + ta + " and " + tb);
        }
        if (ta != tb) {
            throw new IllegalArgumentException(op + ": dtypes differ, " + ta + " " + str(a.shape()) + " and " + tb
                    + " " + str(b.shape()) + "; Inertia does not promote silently, convert one with .to(DType."
                    + (ta == DType.FLOAT64 || tb == DType.FLOAT64 ? "FLOAT64" : ta.name()) + ")");
        }
    }

    /** Throws unless the tensor is floating point. */
    public static void requireFloat(String op, Tensor t) {
        if (!t.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": needs a float32 or float64 tensor, got " + t.dtype());
        }
    }

    /** Throws unless the tensor has the given rank, naming what each axis means. */
    public static void requireRank(String op, String what, Tensor t, int rank, String layout) {
        if (t.rank() != rank) {
            throw new IllegalArgumentException(op + ": " + what + " must be " + rank + "-D " + layout + ", got shape "
                    + str(t.shape()));
        }
    }
}
