package org.inertia.core.ops;

import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.Select;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Elementwise comparisons, giving masks, and {@link #where}, which picks by a mask.
 *
 * <p>A mask is an int64 tensor of 0s and 1s (Inertia has no boolean type), so {@code sum().item()}
 * counts it: {@code logits.argmax(1).eq(labels).sum().item()} is the number of right predictions.
 * Comparisons broadcast like arithmetic; both operands must have the same dtype (int64 with int64,
 * float with float). No gradient flows through a comparison.
 */
public final class Comparisons {
    /** The six comparisons. */
    public enum Kind {
        /** equal */
        EQ,
        /** not equal */
        NE,
        /** greater than */
        GT,
        /** greater than or equal */
        GE,
        /** less than */
        LT,
        /** less than or equal */
        LE
    }

    private Comparisons() {
    }

    /** {@code a op b} elementwise, broadcast: 1 where it holds, else 0 (int64). */
    public static Tensor compare(Kind kind, Tensor a, Tensor b) {
        String op = kind.name().toLowerCase(java.util.Locale.ROOT);
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": dtypes differ, " + a.dtype() + " " + Shapes.str(a.shape()) + " and "
                    + b.dtype() + " " + Shapes.str(b.shape()) + "; convert one with .to(...)");
        }
        long[] shape = Shapes.broadcast(op, a.shape(), b.shape());
        INDArray x = Broadcast.to(a.data(), shape);
        INDArray y = Broadcast.to(b.data(), shape);
        INDArray holds = switch (kind) {
            case EQ -> x.eq(y);
            case NE -> x.neq(y);
            case GT -> x.gt(y);
            case GE -> Transforms.or(x.gt(y), x.eq(y));
            case LT -> x.lt(y);
            case LE -> Transforms.or(x.lt(y), x.eq(y));
        };
        return Tensor.fromOp(op, holds.castTo(DataType.INT64));
    }

    /** {@code a op value} elementwise: 1 where it holds, else 0 (int64). */
    public static Tensor compare(Kind kind, Tensor a, double value) {
        String op = kind.name().toLowerCase(java.util.Locale.ROOT);
        INDArray x = a.data();
        INDArray holds = switch (kind) {
            case EQ -> x.eq(value);
            case NE -> x.neq(value);
            case GT -> x.gt(value);
            case GE -> x.gte(value);
            case LT -> x.lt(value);
            case LE -> x.lte(value);
        };
        return Tensor.fromOp(op, holds.castTo(DataType.INT64));
    }

    /**
     * {@code a} where {@code condition} is non-zero, else {@code b}; the three broadcast together.
     * d/da = g where the condition holds (0 elsewhere), d/db = g where it does not.
     */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        Shapes.requireSameFloatType("where", a, b);
        long[] shape = Shapes.broadcast("where", Shapes.broadcast("where", condition.shape(), a.shape()), b.shape());
        INDArray mask = Broadcast.to(condition.data(), shape).neq(0);                       // boolean
        INDArray out = select(mask, Broadcast.to(a.data(), shape), Broadcast.to(b.data(), shape));
        return Tensor.fromOp("where", out, (g, needs) -> {
            INDArray zeros = Nd4j.zeros(g.dataType(), shape);
            return new INDArray[] {
                needs[0] ? Broadcast.reduceTo(select(mask, g, zeros), a.shape()) : null,
                needs[1] ? Broadcast.reduceTo(select(mask, zeros, g), b.shape()) : null};
        }, a, b);
    }

    /** mask ? x : y elementwise, for arrays of one shape (ND4J's select op: condition, x, y). */
    private static INDArray select(INDArray mask, INDArray x, INDArray y) {
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape());
        Nd4j.exec(new Select(new INDArray[] {mask, x, y}, new INDArray[] {out}));
        return out;
    }
}
