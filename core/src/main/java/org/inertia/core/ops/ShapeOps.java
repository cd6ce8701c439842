package org.inertia.core.ops;

import java.util.Arrays;
import org.inertia.core.DType;
import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Ops that move elements without changing them: reshape, permute, flatten, concat, slice and
 * index-select. Their backward passes move the gradient back the same way.
 */
public final class ShapeOps {
    private ShapeOps() {
    }

    /** Same elements in row-major order, new shape (one size may be -1).  Backward: reshape back. */
    public static Tensor reshape(Tensor x, long... shape) {
        long[] target = resolveShape(x.shape(), shape);
        long[] original = x.shape();
        if (Arrays.equals(target, original)) {
            return x;
        }
        INDArray out = x.data().reshape('c', target);
        return Tensor.fromOp("reshape", out, (g, needs) -> new INDArray[] {g.reshape('c', original)}, x);
    }

    private static long[] resolveShape(long[] from, long[] shape) {
        long known = 1;
        int inferred = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException("reshape: only one dimension can be -1, got " + Shapes.str(shape));
                }
                inferred = i;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException("reshape: invalid size " + shape[i] + " in " + Shapes.str(shape));
            } else {
                known *= shape[i];
            }
        }
        long numel = Shapes.numel(from);
        long[] out = shape.clone();
        if (inferred >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + Shapes.str(from) + " (" + numel
                        + " elements) into " + Shapes.str(shape));
            }
            out[inferred] = numel / known;
        } else if (known != numel) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Shapes.str(from) + " (" + numel
                    + " elements) into " + Shapes.str(shape) + " (" + known + " elements)");
        }
        return out;
    }

    /** Reorders axes: output axis i is input axis {@code axes[i]}.  Backward: the inverse permutation. */
    public static Tensor permute(Tensor x, int... axes) {
        int rank = x.rank();
        if (axes.length != rank) {
            throw new IllegalArgumentException("permute: got " + axes.length + " axes " + Arrays.toString(axes)
                    + " for a tensor of shape " + Shapes.str(x.shape()));
        }
        int[] perm = new int[rank];
        int[] inverse = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = Shapes.axis("permute", axes[i], rank);
            if (seen[perm[i]]) {
                throw new IllegalArgumentException("permute: axis " + perm[i] + " appears twice in " + Arrays.toString(axes));
            }
            seen[perm[i]] = true;
            inverse[perm[i]] = i;
        }
        INDArray out = x.data().permute(perm);
        return Tensor.fromOp("permute", out, (g, needs) -> new INDArray[] {g.permute(inverse)}, x);
    }

    /** Swaps two axes (a permutation). */
    public static Tensor transpose(Tensor x, int axis0, int axis1) {
        int rank = x.rank();
        int a = Shapes.axis("transpose", axis0, rank);
        int b = Shapes.axis("transpose", axis1, rank);
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = i;
        }
        perm[a] = b;
        perm[b] = a;
        return permute(x, perm);
    }

    /** Merges axes {@code startAxis} to the last into one (a reshape). */
    public static Tensor flatten(Tensor x, int startAxis) {
        if (x.rank() == 0) {
            return reshape(x, 1);
        }
        int start = Shapes.axis("flatten", startAxis, x.rank());
        long[] shape = new long[start + 1];
        System.arraycopy(x.shape(), 0, shape, 0, start);
        shape[start] = -1;
        if (x.numel() == 0) {
            long rest = 1;
            for (int i = start; i < x.rank(); i++) {
                rest *= x.shape()[i];
            }
            shape[start] = rest;
        }
        return reshape(x, shape);
    }

    /** Joins tensors along {@code axis}; all other sizes must agree.  Backward: cut the gradient apart. */
    public static Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat: needs at least one tensor");
        }
        Tensor first = parts[0];
        int ax = Shapes.axis("concat", axis, first.rank());
        INDArray[] arrays = new INDArray[parts.length];
        long[] sizes = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Tensor p = parts[i];
            Shapes.requireSameFloatType("concat", first, p);
            long[] s = p.shape();
            boolean compatible = s.length == first.rank();
            for (int d = 0; compatible && d < s.length; d++) {
                compatible = d == ax || s[d] == first.shape()[d];
            }
            if (!compatible) {
                throw new IllegalArgumentException("concat: shapes " + Shapes.str(first.shape()) + " and " + Shapes.str(s)
                        + " (tensor " + i + ") differ outside axis " + ax);
            }
            arrays[i] = p.data();
            sizes[i] = s[ax];
        }
        INDArray out = parts.length == 1 ? first.data().dup() : Nd4j.concat(ax, arrays);
        return Tensor.fromOp("concat", out, (g, needs) -> {
            INDArray[] grads = new INDArray[parts.length];
            long offset = 0;
            for (int i = 0; i < parts.length; i++) {
                if (needs[i]) {
                    grads[i] = g.get(along(g.rank(), ax, NDArrayIndex.interval(offset, offset + sizes[i])));
                }
                offset += sizes[i];
            }
            return grads;
        }, parts);
    }

    /** Rows {@code [start, end)} along axis 0.  Backward: the gradient placed back into those rows. */
    public static Tensor slice(Tensor x, long start, long end) {
        if (x.rank() == 0) {
            throw new IllegalArgumentException("slice: cannot slice a 0-dimensional tensor");
        }
        long n = x.shape()[0];
        if (start < 0 || end > n || start > end) {
            throw new IllegalArgumentException("slice: rows [" + start + ", " + end + ") are outside [0, " + n
                    + "] for shape " + Shapes.str(x.shape()));
        }
        INDArrayIndex[] rows = along(x.rank(), 0, NDArrayIndex.interval(start, end));
        INDArray out = x.data().get(rows);
        long[] shape = x.shape();
        return Tensor.fromOp("slice", out, (g, needs) -> {
            INDArray full = Nd4j.zeros(g.dataType(), shape);
            full.get(rows).assign(g);
            return new INDArray[] {full};
        }, x);
    }

    /**
     * The rows named by {@code indices} (int64, 1-D; repeats allowed) along axis 0.  Backward: each
     * row's gradient is added back to the row it came from (scatter-add, so repeats accumulate).
     */
    public static Tensor indexSelect(Tensor x, Tensor indices) {
        if (indices.dtype() != DType.INT64 || indices.rank() != 1) {
            throw new IllegalArgumentException("indexSelect: indices must be a 1-D int64 tensor, got "
                    + indices.dtype() + " " + Shapes.str(indices.shape()));
        }
        if (x.rank() == 0) {
            throw new IllegalArgumentException("indexSelect: cannot index a 0-dimensional tensor");
        }
        long n = x.shape()[0];
        INDArray idx = indices.data();
        if (idx.length() > 0) {
            long lo = idx.minNumber().longValue();
            long hi = idx.maxNumber().longValue();
            if (lo < 0 || hi >= n) {
                throw new IllegalArgumentException("indexSelect: indices must be in [0, " + n + ") for shape "
                        + Shapes.str(x.shape()) + ", got values from " + lo + " to " + hi);
            }
        }
        long[] outShape = x.shape().clone();
        outShape[0] = idx.length();
        INDArray out = Nd4j.createUninitialized(x.data().dataType(), outShape);
        // libnd4j gather: inputs (x, indices), int arg = axis.
        Native.exec("gather", Native.in(x.data(), idx), Native.out(out), Native.ints(0));
        long[] shape = x.shape();
        return Tensor.fromOp("indexSelect", out, (g, needs) -> {
            INDArray full = Nd4j.zeros(g.dataType(), shape);
            // libnd4j scatter_add: inputs (ref, indices, updates), writes into ref.
            Native.exec("scatter_add", Native.in(full, idx, g), Native.out(full), Native.ints());
            return new INDArray[] {full};
        }, x);
    }

    /** An index selecting {@code range} along {@code axis} and everything along the other axes. */
    private static INDArrayIndex[] along(int rank, int axis, INDArrayIndex range) {
        INDArrayIndex[] index = new INDArrayIndex[rank];
        for (int i = 0; i < rank; i++) {
            index[i] = i == axis ? range : NDArrayIndex.all();
        }
        return index;
    }
}
