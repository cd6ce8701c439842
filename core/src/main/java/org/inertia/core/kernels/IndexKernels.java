package org.inertia.core.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Index ops as one native call each (one-hot rows, gathering rows and adding rows back), and counting
 * right predictions as one Java loop over small logits.
 */
public final class IndexKernels {
    private IndexKernels() {
    }

    /** A {@code [N, C]} matrix of {@code type}: row i is 1 at {@code labels[i]} (int64, in range), else 0. */
    public static INDArray oneHot(INDArray labels, long classes, DataType type) {
        INDArray out = Nd4j.createUninitialized(type, labels.length(), classes);
        // libnd4j onehot: int args (axis = −1, depth), float args (on, off).
        Native.exec("onehot", Native.in(labels), Native.out(out), Native.ints(-1, classes), 1.0, 0.0);
        return out;
    }

    /** The rows of {@code x} named by {@code indices} (int64, 1-D, in range), in a new array. */
    public static INDArray gather(INDArray x, INDArray indices) {
        long[] shape = x.shape().clone();
        shape[0] = indices.length();
        INDArray out = Nd4j.createUninitialized(x.dataType(), shape);
        // libnd4j gather: inputs (x, indices), int arg = axis.
        Native.exec("gather", Native.in(x, indices), Native.out(out), Native.ints(0));
        return out;
    }

    /** Zeros of {@code shape} with row k of {@code g} added to row {@code indices[k]} (repeats accumulate). */
    public static INDArray scatterAdd(INDArray g, INDArray indices, long[] shape) {
        INDArray full = Nd4j.zeros(g.dataType(), shape);
        // libnd4j scatter_add: inputs (ref, indices, updates), writes into ref.
        Native.exec("scatter_add", Native.in(full, indices, g), Native.out(full), Native.ints());
        return full;
    }

    /**
     * How many rows of {@code logits} [N, C] (float32, dense, small enough for {@link SmallArrays#fit})
     * have their first maximum at {@code labels[i]} (int64): argmax, compare and sum in one loop instead of
     * three ND4J ops, since a training step counts them on every slice.
     */
    public static long argmaxMatches(INDArray logits, INDArray labels) {
        int rows = (int) logits.size(0);
        int cols = (int) logits.size(1);
        float[] v = SmallArrays.read(logits, 0);
        long[] y = SmallArrays.longs(labels);
        long hits = 0;
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            int best = 0;
            for (int c = 1; c < cols; c++) {
                if (v[base + c] > v[base + best]) {
                    best = c;
                }
            }
            hits += best == y[r] ? 1 : 0;
        }
        return hits;
    }

    /** Whether {@link #argmaxMatches} applies: dense float32 [N, C] logits that fit, and N labels. */
    public static boolean canCountMatches(INDArray logits, INDArray labels) {
        return logits.rank() == 2 && logits.dataType() == DataType.FLOAT && SmallArrays.fit(logits)
                && labels.length() == logits.size(0);
    }
}
