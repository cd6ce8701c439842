package org.inertia.core.ops;

import org.inertia.core.DType;
import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Elementwise arithmetic with NumPy broadcasting, and the unary math functions.
 *
 * <p>Each op: check the operands, compute the forward with one ND4J call on whole arrays, and return
 * the result with its backward next to it. Gradients of broadcast operands are summed back to the
 * operand's shape ({@link Broadcast#reduceTo}).
 */
public final class Elementwise {
    private Elementwise() {
    }

    /** Checks the operands and returns the broadcast shape of the result. */
    private static long[] checkBinary(String op, Tensor a, Tensor b) {
        Shapes.requireSameFloatType(op, a, b);
        return Shapes.broadcast(op, a.shape(), b.shape());
    }

    /**
     * An operand ND4J will broadcast correctly into {@code shape}. ND4J sizes the result of
     * {@code x.mul(y)} from a one-element x ([1, 1, 1] · [2] fails), and pairs unequal ranks from the
     * wrong end; so lower ranks get leading 1s (a view) and a one-element left operand is expanded (a
     * one-element right operand works, and is the common case: tensor times scalar).
     */
    private static INDArray aligned(INDArray x, long[] shape, boolean left) {
        if (x.rank() < shape.length) {
            long[] padded = new long[shape.length];
            java.util.Arrays.fill(padded, 1);
            System.arraycopy(x.shape(), 0, padded, shape.length - x.rank(), x.rank());
            x = x.reshape(padded);
        }
        return left && x.length() == 1 ? expand(x, shape) : x;
    }

    // ------------------------------------------------------------ binary, broadcasting

    /** a + b.  d/da = 1, d/db = 1. */
    public static Tensor add(Tensor a, Tensor b) {
        long[] shape = checkBinary("add", a, b);
        INDArray out = aligned(a.data(), shape, true).add(aligned(b.data(), shape, false));
        return Tensor.fromOp("add", out, (g, needs) -> new INDArray[] {
            needs[0] ? Broadcast.reduceTo(g, a.shape()) : null,
            needs[1] ? Broadcast.reduceTo(g, b.shape()) : null}, a, b);
    }

    /** a - b.  d/da = 1, d/db = -1. */
    public static Tensor sub(Tensor a, Tensor b) {
        long[] shape = checkBinary("sub", a, b);
        INDArray out = aligned(a.data(), shape, true).sub(aligned(b.data(), shape, false));
        return Tensor.fromOp("sub", out, (g, needs) -> new INDArray[] {
            needs[0] ? Broadcast.reduceTo(g, a.shape()) : null,
            needs[1] ? Broadcast.reduceTo(g.neg(), b.shape()) : null}, a, b);
    }

    /** a * b.  d/da = b, d/db = a. */
    public static Tensor mul(Tensor a, Tensor b) {
        long[] shape = checkBinary("mul", a, b);
        INDArray x = aligned(a.data(), shape, true);
        INDArray y = aligned(b.data(), shape, false);
        INDArray out = x.mul(y);
        return Tensor.fromOp("mul", out, (g, needs) -> new INDArray[] {
            needs[0] ? Broadcast.reduceTo(g.mul(y), a.shape()) : null,
            needs[1] ? Broadcast.reduceTo(g.mul(x), b.shape()) : null}, a, b);
    }

    /** a / b.  d/da = 1/b, d/db = -a/b² = -out/b. */
    public static Tensor div(Tensor a, Tensor b) {
        long[] shape = checkBinary("div", a, b);
        INDArray y = aligned(b.data(), shape, false);
        INDArray out = aligned(a.data(), shape, true).div(y);
        return Tensor.fromOp("div", out, (g, needs) -> new INDArray[] {
            needs[0] ? Broadcast.reduceTo(g.div(y), a.shape()) : null,
            needs[1] ? Broadcast.reduceTo(g.mul(out).divi(y).negi(), b.shape()) : null}, a, b);
    }

    /**
     * a ^ b.  d/da = b·a^(b−1), d/db = a^b·ln(a) (NaN where a ≤ 0, as the maths says; only computed
     * when the exponent requires grad).
     */
    public static Tensor pow(Tensor a, Tensor b) {
        checkBinary("pow", a, b);
        long[] shape = Shapes.broadcast("pow", a.shape(), b.shape());
        // ND4J's pow needs equal shapes: materialise the broadcast (rare op, not on a training hot path).
        INDArray x = expand(a.data(), shape);
        INDArray y = expand(b.data(), shape);
        INDArray out = Transforms.pow(x, y, true);
        return Tensor.fromOp("pow", out, (g, needs) -> new INDArray[] {
            needs[0] ? Broadcast.reduceTo(g.mul(y).muli(Transforms.pow(x, y.sub(1), true)), a.shape()) : null,
            needs[1] ? Broadcast.reduceTo(g.mul(out).muli(Transforms.log(x, true)), b.shape()) : null}, a, b);
    }

    private static INDArray expand(INDArray x, long[] shape) {
        return Broadcast.to(x, shape);
    }

    // ------------------------------------------------------------ with a scalar

    /** a + c.  d/da = 1. */
    public static Tensor add(Tensor a, double c) {
        Shapes.requireFloat("add", a);
        return Tensor.fromOp("add", a.data().add(c), (g, needs) -> new INDArray[] {g}, a);
    }

    /** a · c.  d/da = c. */
    public static Tensor mul(Tensor a, double c) {
        Shapes.requireFloat("mul", a);
        return Tensor.fromOp("mul", a.data().mul(c), (g, needs) -> new INDArray[] {g.mul(c)}, a);
    }

    /** a / c.  d/da = 1/c. */
    public static Tensor div(Tensor a, double c) {
        Shapes.requireFloat("div", a);
        return Tensor.fromOp("div", a.data().div(c), (g, needs) -> new INDArray[] {g.div(c)}, a);
    }

    /** a ^ p.  d/da = p·a^(p−1). */
    public static Tensor pow(Tensor a, double p) {
        Shapes.requireFloat("pow", a);
        INDArray x = a.data();
        return Tensor.fromOp("pow", Transforms.pow(x, p, true),
                (g, needs) -> new INDArray[] {g.mul(Transforms.pow(x, p - 1, true)).muli(p)}, a);
    }

    // ------------------------------------------------------------ unary

    /** −a.  d/da = −1. */
    public static Tensor neg(Tensor a) {
        Shapes.requireFloat("neg", a);
        return Tensor.fromOp("neg", a.data().neg(), (g, needs) -> new INDArray[] {g.neg()}, a);
    }

    /** eᵃ.  d/da = eᵃ = out. */
    public static Tensor exp(Tensor a) {
        Shapes.requireFloat("exp", a);
        INDArray out = Transforms.exp(a.data(), true);
        return Tensor.fromOp("exp", out, (g, needs) -> new INDArray[] {g.mul(out)}, a);
    }

    /** ln a.  d/da = 1/a. */
    public static Tensor log(Tensor a) {
        Shapes.requireFloat("log", a);
        INDArray x = a.data();
        return Tensor.fromOp("log", Transforms.log(x, true), (g, needs) -> new INDArray[] {g.div(x)}, a);
    }

    /** √a.  d/da = 1/(2√a) = 0.5/out. */
    public static Tensor sqrt(Tensor a) {
        Shapes.requireFloat("sqrt", a);
        INDArray out = Transforms.sqrt(a.data(), true);
        return Tensor.fromOp("sqrt", out, (g, needs) -> new INDArray[] {g.div(out).muli(0.5)}, a);
    }

    /** |a|.  d/da = sign(a) (0 at 0, as PyTorch). */
    public static Tensor abs(Tensor a) {
        Shapes.requireFloat("abs", a);
        INDArray x = a.data();
        return Tensor.fromOp("abs", Transforms.abs(x, true),
                (g, needs) -> new INDArray[] {g.mul(Transforms.sign(x, true))}, a);
    }

    /**
     * min(max(a, lo), hi).  d/da = 1 where lo ≤ a ≤ hi, else 0 (the inputs the clamp left alone, as
     * PyTorch: boundary values pass the gradient).
     */
    public static Tensor clamp(Tensor a, double lo, double hi) {
        Shapes.requireFloat("clamp", a);
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
            throw new IllegalArgumentException("clamp: need min <= max, got min=" + lo + ", max=" + hi);
        }
        INDArray x = a.data();
        INDArray out = Transforms.min(Transforms.max(x, lo, true), hi, false);
        return Tensor.fromOp("clamp", out,
                (g, needs) -> new INDArray[] {g.mul(out.eq(x).castTo(g.dataType()))}, a);
    }

    /** Conversion between float32 and float64.  The gradient is converted back. */
    public static Tensor cast(Tensor a, DType dtype) {
        if (!a.dtype().isFloating() && a.requiresGrad()) {
            throw new IllegalArgumentException("to(" + dtype + "): cannot differentiate through " + a.dtype());
        }
        if (a.dtype() == dtype) {
            return a;
        }
        DType from = a.dtype();
        INDArray out = a.data().castTo(dtype.nd4j());
        return Tensor.fromOp("to", out, (g, needs) -> new INDArray[] {g.castTo(from.nd4j())}, a);
    }
}
