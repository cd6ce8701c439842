package org.inertia.core.ops;

import java.util.Arrays;
import org.inertia.core.DType;
import org.inertia.core.FastPaths;
import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.inertia.core.kernels.IndexKernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Ops that move elements without changing them: reshape, squeeze/unsqueeze, permute, flatten, expand,
 * concat, stack, slice, narrow, select, index-select and clone. Their backward passes move the
 * gradient back the same way.
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
        return narrow(x, 0, start, end - start);
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
        long[] shape = x.shape();
        if (FastPaths.enabled()) {
            return Tensor.fromOp("indexSelect", IndexKernels.gather(x.data(), idx),
                    (g, needs) -> new INDArray[] {IndexKernels.scatterAdd(g, idx, shape)}, x);
        }
        long[] rows = idx.toLongVector();
        long[] outShape = shape.clone();
        outShape[0] = rows.length;
        INDArray in = x.data();
        INDArray out = Nd4j.create(in.dataType(), outShape);
        for (int k = 0; k < rows.length; k++) {
            out.get(row(shape.length, k)).assign(in.get(row(shape.length, rows[k])));    // out[k] = x[iₖ]
        }
        return Tensor.fromOp("indexSelect", out, (g, needs) -> {
            INDArray full = Nd4j.zeros(g.dataType(), shape);
            for (int k = 0; k < rows.length; k++) {
                full.get(row(shape.length, rows[k])).addi(g.get(row(shape.length, k)));   // dx[iₖ] += g[k]
            }
            return new INDArray[] {full};
        }, x);
    }

    /** Row {@code i} along axis 0 of a tensor of {@code rank}: {@code x[i]}. */
    private static INDArrayIndex[] row(int rank, long i) {
        return along(rank, 0, NDArrayIndex.point(i));
    }

    /** Removes {@code axis} if its size is 1 (otherwise returns {@code x}, as PyTorch).  A reshape. */
    public static Tensor squeeze(Tensor x, int axis) {
        int ax = Shapes.axis("squeeze", axis, x.rank());
        if (x.shape()[ax] != 1) {
            return x;
        }
        long[] shape = new long[x.rank() - 1];
        for (int i = 0, j = 0; i < x.rank(); i++) {
            if (i != ax) {
                shape[j++] = x.shape()[i];
            }
        }
        return reshape(x, shape);
    }

    /** Inserts an axis of size 1 at {@code axis} (−rank−1 to rank).  A reshape. */
    public static Tensor unsqueeze(Tensor x, int axis) {
        int ax = Shapes.axis("unsqueeze", axis, x.rank() + 1);
        long[] shape = new long[x.rank() + 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            shape[i] = i == ax ? 1 : x.shape()[j++];
        }
        return reshape(x, shape);
    }

    /**
     * {@code x} repeated along its size-1 axes (and new leading axes) to {@code shape}; −1 keeps a size.
     * Backward: the gradient summed over the repeated axes.
     */
    public static Tensor expand(Tensor x, long... shape) {
        long[] target = shape.clone();
        int lead = target.length - x.rank();
        if (lead < 0) {
            throw new IllegalArgumentException("expand: shape " + Shapes.str(shape) + " has fewer dimensions than the "
                    + "tensor " + Shapes.str(x.shape()));
        }
        for (int i = 0; i < target.length; i++) {
            long own = i < lead ? 1 : x.shape()[i - lead];
            if (target[i] == -1 && i >= lead) {
                target[i] = own;
            } else if (target[i] < 0 || (own != 1 && own != target[i])) {
                throw new IllegalArgumentException("expand: cannot expand " + Shapes.str(x.shape()) + " to "
                        + Shapes.str(shape) + " (only size-1 axes repeat; -1 keeps an existing size)");
            }
        }
        long[] original = x.shape();
        INDArray out = Broadcast.to(x.data(), target);
        if (out == x.data()) {
            return x;
        }
        return Tensor.fromOp("expand", out, (g, needs) -> new INDArray[] {Broadcast.reduceTo(g, original)}, x);
    }

    /** Joins tensors of one shape along a new {@code axis}: concat of their unsqueezed forms. */
    public static Tensor stack(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        int ax = Shapes.axis("stack", axis, parts[0].rank() + 1);
        Tensor[] unsqueezed = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!Arrays.equals(parts[i].shape(), parts[0].shape())) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape " + Shapes.str(parts[i].shape())
                        + " but tensor 0 has " + Shapes.str(parts[0].shape()) + "; stacked tensors need one shape");
            }
            unsqueezed[i] = unsqueeze(parts[i], ax);
        }
        return concat(ax, unsqueezed);
    }

    /** Indices {@code [start, start + length)} along {@code axis}.  Backward: the gradient placed back there. */
    public static Tensor narrow(Tensor x, int axis, long start, long length) {
        int ax = Shapes.axis("narrow", axis, x.rank());
        long n = x.shape()[ax];
        if (start < 0 || length < 0 || start + length > n) {
            throw new IllegalArgumentException("narrow: [" + start + ", " + (start + length) + ") along axis " + axis
                    + " is outside [0, " + n + "] for shape " + Shapes.str(x.shape()));
        }
        INDArrayIndex[] range = along(x.rank(), ax, NDArrayIndex.interval(start, start + length));
        long[] shape = x.shape();
        return Tensor.fromOp("narrow", x.data().get(range), (g, needs) -> new INDArray[] {placed(g, shape, range)}, x);
    }

    /**
     * The slice at {@code index} along {@code axis}, which disappears ({@code x[:, k]} is
     * {@code select(1, k)}); a negative index counts from the end.  Backward: the gradient placed there.
     */
    public static Tensor select(Tensor x, int axis, long index) {
        int ax = Shapes.axis("select", axis, x.rank());
        long n = x.shape()[ax];
        long i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException("select: index " + index + " is out of range for axis " + axis
                    + " of size " + n + " (shape " + Shapes.str(x.shape()) + ")");
        }
        INDArrayIndex[] point = along(x.rank(), ax, NDArrayIndex.point(i));
        long[] shape = x.shape();
        return Tensor.fromOp("select", x.data().get(point), (g, needs) -> new INDArray[] {placed(g, shape, point)}, x);
    }

    /** A copy with its own memory, still in the graph.  Backward: the gradient unchanged. */
    public static Tensor clone(Tensor x) {
        return Tensor.fromOp("clone", x.data().dup('c'), (g, needs) -> new INDArray[] {g}, x);
    }

    /** Zeros of {@code shape} with {@code g} at {@code index}: the gradient of taking that part of a tensor. */
    private static INDArray placed(INDArray g, long[] shape, INDArrayIndex[] index) {
        INDArray full = Nd4j.zeros(g.dataType(), shape);
        full.get(index).assign(g);
        return full;
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
