package org.inertia.core.ops;

import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sum, mean, max and min over chosen axes ({@code null} = all), optionally keeping the reduced axes
 * as size 1, and the indices of maxima and minima. Backward spreads the gradient back over the
 * reduced axes with libnd4j's native {@code reduce_*_bp} ops (one call each). sum, max, min and the
 * indices also take int64 tensors (no gradient).
 */
public final class Reductions {
    private Reductions() {
    }

    /** Σ over axes.  d/dx = 1 for every element that was summed. */
    public static Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        return reduce("sum", "reduce_sum_bp", x, axes, keepDims);
    }

    /** Mean over axes.  d/dx = 1/n, n = number of elements averaged. */
    public static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        return reduce("mean", "reduce_mean_bp", x, axes, keepDims);
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
        if (axes != null && axes.length == 1) {
            return reduce(op, "reduce_" + op + "_bp", x, axes, keepDims);    // libnd4j's: the first extremum
        }
        requireNumeric(op, x);
        int[] dims = Shapes.axes(op, axes, x.rank());
        if (x.numel() == 0) {
            throw new IllegalArgumentException(op + ": cannot reduce an empty tensor of shape " + Shapes.str(x.shape()));
        }
        INDArray in = x.data();
        INDArray out = op.equals("max") ? in.max(keepDims, dims) : in.min(keepDims, dims);
        long[] kept = keptShape(in.shape(), dims);
        return Tensor.fromOp(op, out, (g, needs) -> {
            INDArray ties = in.sub(out.reshape(kept)).eq(0.0).castTo(in.dataType());   // 1 at every extremum
            INDArray count = ties.sum(true, dims);
            return new INDArray[] {ties.muli(g.reshape(kept)).divi(count)};            // g shared among them
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

    /** {@code shape} with the reduced axes kept as size 1, so a reduced result broadcasts against the input. */
    private static long[] keptShape(long[] shape, int[] dims) {
        long[] kept = shape.clone();
        for (int d : dims) {
            kept[d] = 1;
        }
        return kept;
    }

    /** sum, max and min also count and compare int64 tensors (masks, labels); mean needs floats. */
    private static void requireNumeric(String op, Tensor x) {
        if (op.equals("mean")) {
            if (!x.dtype().isFloating()) {
                throw new IllegalArgumentException("mean: needs a float32 or float64 tensor, got " + x.dtype()
                        + "; convert with .to(DType.FLOAT32) (e.g. a mask's mean is an accuracy)");
            }
        }
    }

    private static Tensor reduce(String op, String backwardOp, Tensor x, int[] axes, boolean keepDims) {
        requireNumeric(op, x);
        int[] dims = Shapes.axes(op, axes, x.rank());
        if (x.numel() == 0 && !op.equals("sum")) {
            throw new IllegalArgumentException(op + ": cannot reduce an empty tensor of shape " + Shapes.str(x.shape()));
        }
        INDArray in = x.data();
        INDArray out = switch (op) {
            case "sum" -> in.sum(keepDims, dims);
            case "mean" -> in.mean(keepDims, dims);
            case "min" -> in.min(keepDims, dims);
            default -> in.max(keepDims, dims);
        };
        long[] longDims = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            longDims[i] = dims[i];
        }
        return Tensor.fromOp(op, out, (g, needs) -> {
            INDArray gradIn = Nd4j.createUninitialized(in.dataType(), in.shape());
            // libnd4j: inputs (x, dL/dout), output dL/dx; int args = reduced axes.
            Native.exec(backwardOp, Native.in(in, g), Native.out(gradIn), longDims);
            return new INDArray[] {gradIn};
        }, x);
    }
}
