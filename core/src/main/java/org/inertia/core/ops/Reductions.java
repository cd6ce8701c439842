package org.inertia.core.ops;

import org.inertia.core.FastPaths;
import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.inertia.core.kernels.ReductionKernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sum, mean, max and min over chosen axes ({@code null} = all), optionally keeping the reduced axes
 * as size 1, and the indices of maxima and minima. Backward sends the gradient back over the reduced
 * axes: to every element for a sum, divided by their number for a mean, to the extremum for max and
 * min. sum, max, min and the indices also take int64 tensors (no gradient). The fast backward is
 * {@link ReductionKernels}.
 */
public final class Reductions {
    private Reductions() {
    }

    /** Σ over axes.  d/dx = 1 for every element that was summed: g spread back over the reduced axes. */
    public static Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        int[] dims = check("sum", x, axes);
        INDArray in = x.data();
        long[] kept = keptShape(in.shape(), dims);
        return Tensor.fromOp("sum", in.sum(keepDims, dims), (g, needs) -> new INDArray[] {FastPaths.enabled()
            ? ReductionKernels.backward("sum", in, g, dims) : spread(g, kept, in.shape())}, x);
    }

    /** Mean over axes.  d/dx = 1/n for every element averaged, n their number. */
    public static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        int[] dims = check("mean", x, axes);
        INDArray in = x.data();
        long[] kept = keptShape(in.shape(), dims);
        double n = (double) in.length() / Shapes.numel(kept);
        return Tensor.fromOp("mean", in.mean(keepDims, dims), (g, needs) -> new INDArray[] {FastPaths.enabled()
            ? ReductionKernels.backward("mean", in, g, dims) : spread(g, kept, in.shape()).divi(n)}, x);
    }

    /**
     * Max over axes.  d/dx = 1 at the position of the maximum, 0 elsewhere. Ties follow PyTorch: over
     * one axis the first maximum takes the whole gradient (as {@code torch.max(x, dim)}); over several
     * or all axes the tied maxima share it equally (as {@code torch.amax} and {@code x.max()}).
     */
    public static Tensor max(Tensor x, int[] axes, boolean keepDims) {
        return extremum("max", x, axes, keepDims);
    }

    /** Min over axes; gradient and ties as {@link #max}. */
    public static Tensor min(Tensor x, int[] axes, boolean keepDims) {
        return extremum("min", x, axes, keepDims);
    }

    private static Tensor extremum(String op, Tensor x, int[] axes, boolean keepDims) {
        int[] dims = check(op, x, axes);
        INDArray in = x.data();
        INDArray out = op.equals("max") ? in.max(keepDims, dims) : in.min(keepDims, dims);
        long[] kept = keptShape(in.shape(), dims);
        boolean oneAxis = axes != null && axes.length == 1;
        return Tensor.fromOp(op, out, (g, needs) -> {
            if (oneAxis && FastPaths.enabled()) {
                return new INDArray[] {ReductionKernels.backward(op, in, g, dims)};
            }
            INDArray hits = in.sub(out.reshape(kept)).eq(0.0).castTo(in.dataType());   // 1 at every extremum
            if (oneAxis) {
                hits.muli(hits.cumsum(dims[0]).eq(1.0).castTo(in.dataType()));          // only the first one
                return new INDArray[] {hits.muli(g.reshape(kept))};
            }
            INDArray ties = hits.sum(true, dims);                                           // how many share it
            return new INDArray[] {hits.muli(g.reshape(kept)).divi(ties)};                  // g shared by the ties
        }, x);
    }

    /**
     * The index of the maximum along {@code axis} (int64; the first one on ties, as PyTorch), with the
     * axis kept as size 1 if {@code keepDims}. No gradient flows through an index.
     */
    public static Tensor argmax(Tensor x, int axis, boolean keepDims) {
        return argExtremum("argmax", x, axis, keepDims);
    }

    /** The index of the minimum along {@code axis}; as {@link #argmax}. */
    public static Tensor argmin(Tensor x, int axis, boolean keepDims) {
        return argExtremum("argmin", x, axis, keepDims);
    }

    private static Tensor argExtremum(String op, Tensor x, int axis, boolean keepDims) {
        int ax = Shapes.axis(op, axis, x.rank());
        if (x.size(ax) == 0) {
            throw new IllegalArgumentException(op + ": axis " + axis + " of " + Shapes.str(x.shape()) + " is empty");
        }
        INDArray in = x.data();
        INDArray index = (op.equals("argmax") ? Nd4j.argMax(in, ax) : Nd4j.argMin(in, ax)).castTo(DataType.INT64);
        return Tensor.fromOp(op, keepDims ? index.reshape(keptShape(in.shape(), new int[] {ax})) : index);
    }

    /** The normalised axes; refuses an empty tensor but for a sum, and a mean of integers. */
    private static int[] check(String op, Tensor x, int[] axes) {
        if (op.equals("mean") && !x.dtype().isFloating()) {
            throw new IllegalArgumentException("mean: needs a float32 or float64 tensor, got " + x.dtype()
                    + "; convert with .to(DType.FLOAT32) (e.g. a mask's mean is an accuracy)");
        }
        int[] dims = Shapes.axes(op, axes, x.rank());
        if (x.numel() == 0 && !op.equals("sum")) {
            throw new IllegalArgumentException(op + ": cannot reduce an empty tensor of shape " + Shapes.str(x.shape()));
        }
        return dims;
    }

    /** {@code g} (the reduced shape, with or without kept axes) copied back over the reduced axes of {@code shape}. */
    private static INDArray spread(INDArray g, long[] kept, long[] shape) {
        return Broadcast.to(g.reshape(kept), shape).dup();
    }

    /** {@code shape} with the reduced axes kept as size 1, so a reduced result broadcasts against the input. */
    private static long[] keptShape(long[] shape, int[] dims) {
        long[] kept = shape.clone();
        for (int d : dims) {
            kept[d] = 1;
        }
        return kept;
    }
}
