package org.inertia.core.ops;

import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sum, mean and max over chosen axes ({@code null} = all), optionally keeping the reduced axes as
 * size 1. Backward spreads the gradient back over the reduced axes with libnd4j's native
 * {@code reduce_*_bp} ops (one call each).
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
        if (axes != null && axes.length == 1) {
            return reduce("max", "reduce_max_bp", x, axes, keepDims);     // libnd4j's: the first maximum
        }
        Shapes.requireFloat("max", x);
        int[] dims = Shapes.axes("max", axes, x.rank());
        if (x.numel() == 0) {
            throw new IllegalArgumentException("max: cannot reduce an empty tensor of shape " + Shapes.str(x.shape()));
        }
        INDArray in = x.data();
        INDArray out = in.max(keepDims, dims);
        long[] kept = keptShape(in.shape(), dims);
        return Tensor.fromOp("max", out, (g, needs) -> {
            INDArray ties = in.sub(out.reshape(kept)).eq(0.0).castTo(in.dataType());   // 1 at every maximum
            INDArray count = ties.sum(true, dims);
            return new INDArray[] {ties.muli(g.reshape(kept)).divi(count)};            // g shared among them
        }, x);
    }

    /** {@code shape} with the reduced axes kept as size 1, so a reduced result broadcasts against the input. */
    private static long[] keptShape(long[] shape, int[] dims) {
        long[] kept = shape.clone();
        for (int d : dims) {
            kept[d] = 1;
        }
        return kept;
    }

    private static Tensor reduce(String op, String backwardOp, Tensor x, int[] axes, boolean keepDims) {
        Shapes.requireFloat(op, x);
        int[] dims = Shapes.axes(op, axes, x.rank());
        if (x.numel() == 0 && !op.equals("sum")) {
            throw new IllegalArgumentException(op + ": cannot reduce an empty tensor of shape " + Shapes.str(x.shape()));
        }
        INDArray in = x.data();
        INDArray out = switch (op) {
            case "sum" -> in.sum(keepDims, dims);
            case "mean" -> in.mean(keepDims, dims);
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
