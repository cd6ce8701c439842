package org.inertia.core;

import java.util.Arrays;
import java.util.Objects;
import org.inertia.core.ops.Activations;
import org.inertia.core.ops.Comparisons;
import org.inertia.core.ops.Elementwise;
import org.inertia.core.ops.MatMul;
import org.inertia.core.ops.Reductions;
import org.inertia.core.ops.ShapeOps;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An n-dimensional array that remembers how it was computed, so gradients can flow back through it.
 *
 * <p>A tensor wraps an ND4J {@link INDArray} ({@link #data()}). Tensors the user creates are
 * <em>leaves</em>; mark the ones to differentiate with {@link #requiresGrad(boolean)}. Every op on a
 * tensor that requires grad records a {@link Node} (unless inside {@link NoGrad}), and
 * {@link #backward()} walks those nodes in reverse to fill each leaf's {@link #grad()}.
 *
 * <p>Float32 is the default type; float64 is supported everywhere (gradient checks use it);
 * int64 holds labels and indices. Ops never promote between float32 and float64: they refuse and say
 * which call to add ({@link #to(DType)}).
 *
 * <p>Ops are the instance methods below; each delegates to the file in {@code org.inertia.core.ops}
 * where its forward and backward sit side by side.
 *
 * <p>Not final only so that {@code nn.Parameter} can be a tensor, as in PyTorch; the public methods
 * are final.
 */
public class Tensor {
    private INDArray data;
    private boolean requiresGrad;
    private final Node gradFn;
    /** The op that computed this tensor (recorded in the graph or not), or null for one made directly. */
    private final String op;
    /** Leaves only: the gradient buffer, allocated once and reused across steps. */
    private INDArray grad;
    /** False after {@link #zeroGrad()}: the buffer is kept but its contents are stale. */
    private boolean gradValid;
    /** The open {@link MemoryScope} whose memory holds {@link #data}, or null: the data lives until collected. */
    private MemoryScope scope;

    private Tensor(INDArray data, boolean requiresGrad, Node gradFn) {
        this(data, requiresGrad, gradFn, gradFn == null ? null : gradFn.op);
    }

    private Tensor(INDArray data, boolean requiresGrad, Node gradFn, String op) {
        this.data = data;
        this.requiresGrad = requiresGrad;
        this.gradFn = gradFn;
        this.op = op;
        this.scope = MemoryScope.holding(data);
    }

    /**
     * A leaf over {@code data} that lives across steps, for subclasses that mark a role (a module's
     * parameter): data allocated inside a {@link MemoryScope} is copied out of it first.
     */
    protected Tensor(INDArray data, boolean requiresGrad) {
        this(MemoryScope.persistent(java.util.Objects.requireNonNull(data, "data")), false, null);
        DType.of(data.dataType());
        requiresGrad(requiresGrad);
    }

    // ---------------------------------------------------------------- creation

    /** Wraps an existing ND4J array (no copy). The tensor is a leaf that does not require grad. */
    public static Tensor wrap(INDArray data) {
        Objects.requireNonNull(data, "data");
        DType.of(data.dataType()); // refuses types Inertia does not model
        return new Tensor(data, false, null);
    }

    /**
     * The result of an op: {@code data} computed from {@code inputs}, with {@code backward} to send
     * gradients back. Records a graph node only if grad mode is on and some input requires grad.
     * This is also the extension point for writing your own op (check it with {@link GradCheck}).
     */
    public static Tensor fromOp(String op, INDArray data, Backward backward, Tensor... inputs) {
        if (GradMode.isEnabled()) {
            for (Tensor input : inputs) {
                if (input.requiresGrad) {
                    return new Tensor(data, true, new Node(op, backward, inputs.clone()));
                }
            }
        }
        return new Tensor(data, false, null, op);
    }

    /**
     * The result of an op that no gradient flows through (a comparison, an index): a tensor that
     * remembers which op made it, for messages.
     */
    public static Tensor fromOp(String op, INDArray data) {
        Objects.requireNonNull(data, "data");
        DType.of(data.dataType());
        return new Tensor(data, false, null, op);
    }

    /** A 1-D tensor of the default type (float32) holding {@code values}: {@code Tensor.of(0.5, 1.5)}. */
    public static Tensor of(double... values) {
        return of(DType.DEFAULT, values);
    }

    /** A 1-D float32 tensor holding {@code values}. */
    public static Tensor of(float... values) {
        return of(values, new long[0]);
    }

    /** A 1-D int64 tensor holding {@code values} (labels, indices): {@code Tensor.of(1, 2, 3)} is int64, as in PyTorch. */
    public static Tensor of(long... values) {
        return ofLongs(values);
    }

    /** A float32 tensor holding {@code values} in row-major order with the given shape. */
    public static Tensor of(float[] values, long... shape) {
        long[] target = shapeFor(values.length, shape);
        return wrap(allocate(target, () -> Nd4j.createFromArray(values).reshape('c', target)));
    }

    /** A tensor of the default type holding {@code values}; a 1-D tensor when no shape is given. */
    public static Tensor of(double[] values, long... shape) {
        return of(DType.DEFAULT, values, shape);
    }

    /** A tensor of type {@code dtype} holding {@code values} in row-major order. */
    public static Tensor of(DType dtype, double[] values, long... shape) {
        long[] target = shapeFor(values.length, shape);
        return wrap(allocate(target, () -> {
            INDArray array = Nd4j.create(values, target, 'c');
            return array.dataType() == dtype.nd4j() ? array : array.castTo(dtype.nd4j());
        }));
    }

    /** A 2-D tensor of the default type from rows of equal length. */
    public static Tensor of(double[][] rows) {
        return of(DType.DEFAULT, rows);
    }

    /** A 2-D tensor of type {@code dtype} from rows of equal length. */
    public static Tensor of(DType dtype, double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] flat = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("Tensor.of: row " + r + " has " + rows[r].length
                        + " values but row 0 has " + cols + "; rows must have equal length");
            }
            System.arraycopy(rows[r], 0, flat, r * cols, cols);
        }
        return of(dtype, flat, rows.length, cols);
    }

    /** An int64 tensor (class labels, indices). */
    public static Tensor ofLongs(long[] values, long... shape) {
        long[] target = shapeFor(values.length, shape);
        INDArray a = allocate(target, () -> Nd4j.createFromArray(values));
        // reshape returns a view even to the same shape, and a view's memory cannot be freed early
        return wrap(Arrays.equals(a.shape(), target) ? a : a.reshape('c', target));
    }

    /** An int64 tensor from ints (class labels, indices). */
    public static Tensor ofLongs(int... values) {
        return wrap(Nd4j.createFromArray(values).castTo(DType.INT64.nd4j()));
    }

    /** A 0-dimensional tensor of the default type. */
    public static Tensor scalar(double value) {
        return scalar(DType.DEFAULT, value);
    }

    /** A 0-dimensional tensor of {@code dtype}. */
    public static Tensor scalar(DType dtype, double value) {
        return wrap(Nd4j.scalar(dtype.nd4j(), value));
    }

    /** Zeros of the default type (float32). */
    public static Tensor zeros(long... shape) {
        return zeros(DType.DEFAULT, shape);
    }

    /** Zeros of {@code dtype}. */
    public static Tensor zeros(DType dtype, long... shape) {
        Shapes.requireValid("zeros", shape);
        return wrap(allocate(shape, () -> Nd4j.zeros(dtype.nd4j(), shape)));
    }

    /** Ones of the default type (float32). */
    public static Tensor ones(long... shape) {
        return ones(DType.DEFAULT, shape);
    }

    /** Ones of {@code dtype}. */
    public static Tensor ones(DType dtype, long... shape) {
        Shapes.requireValid("ones", shape);
        return wrap(allocate(shape, () -> Nd4j.ones(dtype.nd4j(), shape)));
    }

    /** A tensor of the default type filled with {@code value}. */
    public static Tensor full(double value, long... shape) {
        return full(DType.DEFAULT, value, shape);
    }

    /** A tensor of {@code dtype} filled with {@code value}. */
    public static Tensor full(DType dtype, double value, long... shape) {
        Shapes.requireValid("full", shape);
        return wrap(allocate(shape, () -> Nd4j.valueArrayOf(shape, value, dtype.nd4j())));
    }

    /** ND4J's step arenas cannot hold an empty array: those are made outside any {@link MemoryScope}. */
    private static INDArray allocate(long[] shape, java.util.function.Supplier<INDArray> make) {
        return Shapes.numel(shape) == 0 ? MemoryScope.persistent(make) : make.get();
    }

    /** {@code start, start + step, ...} while below {@code end} (above, for a negative step). */
    public static Tensor arange(DType dtype, double start, double end, double step) {
        if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("arange: start, end and step must be finite and step non-zero, got "
                    + start + ", " + end + ", " + step);
        }
        long count = Math.max(0, (long) Math.ceil((end - start) / step));
        double[] values = new double[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = start + i * step;
        }
        return of(dtype, values);
    }

    /** {@link #arange(DType, double, double, double)} in the default type. */
    public static Tensor arange(double start, double end, double step) {
        return arange(DType.DEFAULT, start, end, step);
    }

    /** {@code 0, 1, ..., end - 1} in the default type. */
    public static Tensor arange(long end) {
        return arange(DType.DEFAULT, 0, end, 1);
    }

    /** Uniform values in {@code [low, high)} drawn from {@code rng}. */
    public static Tensor uniform(Rng rng, double low, double high, long... shape) {
        return uniform(DType.DEFAULT, rng, low, high, shape);
    }

    /** Uniform values of {@code dtype} in {@code [low, high)} drawn from {@code rng}. */
    public static Tensor uniform(DType dtype, Rng rng, double low, double high, long... shape) {
        return wrap(rng.uniform(dtype, low, high, Shapes.requireValid("uniform", shape)));
    }

    /** Normal values with the given mean and standard deviation drawn from {@code rng}. */
    public static Tensor normal(Rng rng, double mean, double std, long... shape) {
        return normal(DType.DEFAULT, rng, mean, std, shape);
    }

    /** Normal values of {@code dtype} with the given mean and standard deviation drawn from {@code rng}. */
    public static Tensor normal(DType dtype, Rng rng, double mean, double std, long... shape) {
        return wrap(rng.normal(dtype, mean, std, Shapes.requireValid("normal", shape)));
    }

    /** Standard normal values (default type) from this thread's default generator ({@link Rng#manualSeed}). */
    public static Tensor randn(long... shape) {
        return randn(DType.DEFAULT, shape);
    }

    /** Standard normal values of {@code dtype} from this thread's default generator. */
    public static Tensor randn(DType dtype, long... shape) {
        return normal(dtype, Rng.defaultGenerator(), 0, 1, shape);
    }

    /** Uniform values in [0, 1) (default type) from this thread's default generator ({@link Rng#manualSeed}). */
    public static Tensor rand(long... shape) {
        return rand(DType.DEFAULT, shape);
    }

    /** Uniform values of {@code dtype} in [0, 1) from this thread's default generator. */
    public static Tensor rand(DType dtype, long... shape) {
        return uniform(dtype, Rng.defaultGenerator(), 0, 1, shape);
    }

    private static long[] shapeFor(int length, long[] shape) {
        if (shape.length == 0) {
            return new long[] {length};
        }
        Shapes.requireValid("Tensor.of", shape);
        if (Shapes.numel(shape) != length) {
            throw new IllegalArgumentException("Tensor.of: " + length + " values do not fill shape "
                    + Shapes.str(shape) + " (" + Shapes.numel(shape) + " elements)");
        }
        return shape;
    }

    // ---------------------------------------------------------------- properties

    /**
     * The underlying ND4J array: the one door to raw, in-place math (optimizer updates, weight
     * initialisation). Changes made through it are invisible to autograd.
     */
    public final INDArray data() {
        return live();
    }

    /** {@link #data}, after checking that its memory was not released with the step that made it. */
    private INDArray live() {
        if (scope != null && scope.isClosed()) {
            throw new IllegalStateException(describe() + " was released when " + scope.releasedWhen() + ": a tensor "
                    + "computed in a step lives until the step ends. Read what you need inside the step (item(), "
                    + "toDoubleArray()), or keep a copy that outlives it with keep()");
        }
        return data;
    }

    /** "the output of 'linear' [64, 10]" or "a tensor [64, 784]", for messages. */
    private String describe() {
        String shape = Shapes.str(data.shape());
        return op != null ? "the output of '" + op + "' " + shape : "a tensor " + shape;
    }

    /**
     * Replaces a leaf's values with {@code values} of the same shape, keeping the tensor's identity (so
     * an optimizer holding it follows): how a module converts its parameters to another dtype. The
     * gradient buffer is dropped. For subclasses that mark a role, such as a module's parameter.
     */
    protected final void replaceData(INDArray values) {
        if (!isLeaf()) {
            throw new IllegalStateException("replaceData: only a leaf's values can be replaced, this tensor was "
                    + "computed by '" + gradFn.op + "'");
        }
        if (!Arrays.equals(values.shape(), data.shape())) {
            throw new IllegalArgumentException("replaceData: new values " + Shapes.str(values.shape())
                    + " must have the tensor's shape " + Shapes.str(data.shape()));
        }
        DType.of(values.dataType());
        data = MemoryScope.persistent(values);
        scope = null;
        grad = null;
        gradValid = false;
    }

    /** Ties this tensor's lifetime to {@code owner} (its memory is freed when the scope closes). */
    void releasedWith(MemoryScope owner) {
        this.scope = owner;
    }

    /**
     * A copy of the values that outlives the current step (a leaf without gradient): what to keep of a
     * step's results beyond its end, e.g. predictions collected over an epoch.
     */
    public final Tensor keep() {
        return MemoryScope.keep(this);
    }

    /** The size of each axis (a copy); empty for a 0-dimensional tensor. Readable after the tensor was released. */
    public final long[] shape() {
        return data.shape();
    }

    /** Size along {@code axis}; negative axes count from the end. */
    public final long size(int axis) {
        return data.size(Shapes.axis("size", axis, rank()));
    }

    /** The number of axes. */
    public final int rank() {
        return data.rank();
    }

    /** The number of elements. */
    public final long numel() {
        return data.length();
    }

    /** The element type. */
    public final DType dtype() {
        return DType.of(data.dataType());
    }

    /** The single value of a one-element tensor. */
    public final double item() {
        INDArray values = live();
        if (values.length() != 1) {
            throw new IllegalStateException("item(): tensor of shape " + Shapes.str(shape())
                    + " has " + values.length() + " elements; item() needs exactly one");
        }
        return values.getDouble(0);
    }

    /** The value at {@code index} (one index per axis; negative ones count from the end), as a double. */
    public final double get(long... index) {
        INDArray values = live();
        if (index.length != values.rank()) {
            throw new IllegalArgumentException("get: " + index.length + " indices for a tensor of shape "
                    + Shapes.str(values.shape()) + " (one per axis)");
        }
        long[] at = new long[index.length];
        for (int i = 0; i < index.length; i++) {
            long size = values.size(i);
            at[i] = index[i] < 0 ? index[i] + size : index[i];
            if (at[i] < 0 || at[i] >= size) {
                throw new IndexOutOfBoundsException("get: index " + index[i] + " is out of range for axis " + i
                        + " of size " + size + " (shape " + Shapes.str(values.shape()) + ")");
            }
        }
        return values.rank() == 0 ? values.getDouble(0) : values.getDouble(at);
    }

    /** A copy of the values in row-major order. */
    public final double[] toDoubleArray() {
        INDArray values = live();
        return values.isEmpty() ? new double[0] : values.dup('c').data().asDouble();
    }

    /** A copy of the values in row-major order, as floats. */
    public final float[] toFloatArray() {
        INDArray values = live();
        return values.isEmpty() ? new float[0] : values.dup('c').data().asFloat();
    }

    /** A copy of the values in row-major order, as longs (an int64 tensor's labels or indices). */
    public final long[] toLongArray() {
        INDArray values = live();
        return values.isEmpty() ? new long[0] : values.dup('c').data().asLong();
    }

    // ---------------------------------------------------------------- autograd state

    /** Whether gradients flow to this tensor: a leaf marked with {@link #requiresGrad(boolean)}, or computed from one. */
    public final boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf as a variable to differentiate (or not). Returns {@code this}. */
    public final Tensor requiresGrad(boolean value) {
        if (!isLeaf()) {
            throw new IllegalStateException("requiresGrad(" + value + "): only leaf tensors can change it; this "
                    + "tensor was computed by '" + gradFn.op + "' (use detach() for a leaf copy)");
        }
        if (value && !dtype().isFloating()) {
            throw new IllegalArgumentException("requiresGrad(true): only float32/float64 tensors can require grad, "
                    + "this one is " + dtype());
        }
        this.requiresGrad = value;
        return this;
    }

    /** True for tensors created by the user rather than computed by an op. */
    public final boolean isLeaf() {
        return gradFn == null;
    }

    /** The op that produced this tensor, or {@code null} for a leaf. */
    public final String gradFnName() {
        return gradFn == null ? null : gradFn.op;
    }

    Node gradFn() {
        return gradFn;
    }

    /**
     * The accumulated gradient of a leaf, or {@code null} if none arrived since the last
     * {@link #zeroGrad()}. The returned tensor shares the buffer, which is reused by later backward
     * passes: copy it to keep it.
     */
    public final Tensor grad() {
        return gradValid ? new Tensor(grad, false, null) : null;
    }

    /**
     * Forgets the gradient: {@link #grad()} is {@code null} until the next backward. The buffer is
     * kept and overwritten by the next gradient, so steady-state training allocates none.
     */
    public final void zeroGrad() {
        gradValid = false;
    }

    /**
     * Adds {@code g} into this leaf's gradient: the engine's only write into a leaf. While a data-parallel
     * slice runs on this thread, a {@link GradSink} is open and takes the gradient instead, in a buffer of
     * its own for this leaf; the slices' buffers are summed into the leaf once all have finished, so two
     * threads never write one buffer.
     */
    void accumulateGrad(INDArray g) {
        GradSink.destinationFor(this).addToGrad(g);
    }

    /** grad ← grad + g; the buffer is allocated by the first gradient and reused after {@link #zeroGrad()}. */
    void addToGrad(INDArray g) {
        if (gradValid) {
            if (FastPaths.enabled()) {
                InPlaceGradients.add(grad, g);
            } else {
                grad.addi(g);
            }
        } else if (grad != null && Arrays.equals(grad.shape(), g.shape()) && grad.dataType() == g.dataType()) {
            grad.assign(g);                                      // the first gradient since zeroGrad()
        } else {
            grad = MemoryScope.persistent(() -> g.dup('c'));     // the first ever: lives across steps
        }
        gradValid = true;
    }

    /**
     * This tensor's gradient buffer if it holds no gradient (none since {@link #zeroGrad()}) and has
     * {@code leaf}'s shape and dtype, so a fast kernel may write the leaf's first gradient straight into
     * it ({@link InPlaceGradients}); otherwise null.
     */
    INDArray staleGradBuffer(Tensor leaf) {
        return !gradValid && grad != null && grad.dataType() == leaf.data.dataType()
                && Arrays.equals(grad.shape(), leaf.shape()) ? grad : null;
    }

    /** Marks the buffer returned by {@link #staleGradBuffer} as holding this step's gradient. */
    void gradWritten() {
        gradValid = true;
    }

    /** A leaf sharing this tensor's data, cut off from the graph. */
    public final Tensor detach() {
        Tensor detached = new Tensor(live(), false, null);
        detached.scope = scope;
        return detached;
    }

    /** Backward from a one-element tensor (usually the loss): dL/dL = 1. */
    public final void backward() {
        backward(null, false);
    }

    /** Backward from a one-element tensor, keeping the graph for another backward if asked. */
    public final void backward(boolean retainGraph) {
        backward(null, retainGraph);
    }

    /** Backward from any tensor, given dL/d(this) of the same shape. */
    public final void backward(Tensor gradient) {
        backward(gradient, false);
    }

    /** Backward from any tensor given dL/d(this) ({@code null}: 1 for a one-element tensor), keeping the graph for another backward if {@code retainGraph}. */
    public final void backward(Tensor gradient, boolean retainGraph) {
        if (!requiresGrad) {
            throw new IllegalStateException("backward(): this tensor does not require grad, so there is nothing "
                    + "to differentiate: none of its inputs has requiresGrad(true), or it was computed inside "
                    + "NoGrad, or it was detached");
        }
        INDArray seed;
        if (gradient == null) {
            if (live().length() != 1) {
                throw new IllegalStateException("backward(): the tensor has shape " + Shapes.str(shape())
                        + "; without an explicit gradient backward() needs a one-element tensor (reduce it, "
                        + "e.g. with sum() or mean(), or call backward(gradient) with a gradient of that shape)");
            }
            seed = Nd4j.onesLike(data);
        } else {
            if (!Arrays.equals(gradient.shape(), shape())) {
                throw new IllegalArgumentException("backward(gradient): gradient shape " + Shapes.str(gradient.shape())
                        + " differs from the tensor's shape " + Shapes.str(shape()));
            }
            if (gradient.dtype() != dtype()) {
                throw new IllegalArgumentException("backward(gradient): gradient is " + gradient.dtype()
                        + " but the tensor is " + dtype());
            }
            seed = gradient.live();
        }
        Autograd.backward(this, seed, retainGraph);
    }

    // ---------------------------------------------------------------- elementwise (ops/Elementwise.java)

    /** this + other, broadcast (NumPy rules). */
    public final Tensor add(Tensor other) {
        return Elementwise.add(this, other);
    }

    /** this + value. */
    public final Tensor add(double value) {
        return Elementwise.add(this, value);
    }

    /** this − other, broadcast. */
    public final Tensor sub(Tensor other) {
        return Elementwise.sub(this, other);
    }

    /** this − value. */
    public final Tensor sub(double value) {
        return Elementwise.add(this, -value);
    }

    /** this · other elementwise, broadcast. */
    public final Tensor mul(Tensor other) {
        return Elementwise.mul(this, other);
    }

    /** this · value. */
    public final Tensor mul(double value) {
        return Elementwise.mul(this, value);
    }

    /** this / other elementwise, broadcast. */
    public final Tensor div(Tensor other) {
        return Elementwise.div(this, other);
    }

    /** this / value. */
    public final Tensor div(double value) {
        return Elementwise.div(this, value);
    }

    /** −this. */
    public final Tensor neg() {
        return Elementwise.neg(this);
    }

    /** this raised to {@code exponent} elementwise, broadcast. */
    public final Tensor pow(Tensor exponent) {
        return Elementwise.pow(this, exponent);
    }

    /** this raised to {@code exponent}. */
    public final Tensor pow(double exponent) {
        return Elementwise.pow(this, exponent);
    }

    /** e raised to each element. */
    public final Tensor exp() {
        return Elementwise.exp(this);
    }

    /** The natural logarithm of each element. */
    public final Tensor log() {
        return Elementwise.log(this);
    }

    /** The square root of each element. */
    public final Tensor sqrt() {
        return Elementwise.sqrt(this);
    }

    /** The absolute value of each element (gradient 0 at 0, as PyTorch). */
    public final Tensor abs() {
        return Elementwise.abs(this);
    }

    /** Limits values to {@code [min, max]}; pass an infinity to leave a side open. */
    public final Tensor clamp(double min, double max) {
        return Elementwise.clamp(this, min, max);
    }

    /** Converts to another floating type (differentiable: the gradient is converted back). */
    public final Tensor to(DType dtype) {
        return Elementwise.cast(this, dtype);
    }

    // ---------------------------------------------------------------- reductions (ops/Reductions.java)

    /** The sum of all elements (0-dimensional). */
    public final Tensor sum() {
        return Reductions.sum(this, null, false);
    }

    /** The sum along {@code axis}, which disappears. */
    public final Tensor sum(int axis) {
        return Reductions.sum(this, new int[] {axis}, false);
    }

    /** The sum along {@code axis}, kept as size 1 if {@code keepDims}. */
    public final Tensor sum(int axis, boolean keepDims) {
        return Reductions.sum(this, new int[] {axis}, keepDims);
    }

    /** The sum over {@code axes} ({@code null}: all), kept as size 1 if {@code keepDims}. */
    public final Tensor sum(int[] axes, boolean keepDims) {
        return Reductions.sum(this, axes, keepDims);
    }

    /** The mean of all elements (0-dimensional). */
    public final Tensor mean() {
        return Reductions.mean(this, null, false);
    }

    /** The mean along {@code axis}, which disappears. */
    public final Tensor mean(int axis) {
        return Reductions.mean(this, new int[] {axis}, false);
    }

    /** The mean along {@code axis}, kept as size 1 if {@code keepDims}. */
    public final Tensor mean(int axis, boolean keepDims) {
        return Reductions.mean(this, new int[] {axis}, keepDims);
    }

    /** The mean over {@code axes} ({@code null}: all), kept as size 1 if {@code keepDims}. */
    public final Tensor mean(int[] axes, boolean keepDims) {
        return Reductions.mean(this, axes, keepDims);
    }

    /** The largest element (0-dimensional); tied maxima share the gradient, as {@code x.max()} in PyTorch. */
    public final Tensor max() {
        return Reductions.max(this, null, false);
    }

    /** The maximum along {@code axis}, which disappears; the first maximum takes the gradient. */
    public final Tensor max(int axis) {
        return Reductions.max(this, new int[] {axis}, false);
    }

    /** The maximum along {@code axis}, kept as size 1 if {@code keepDims}. */
    public final Tensor max(int axis, boolean keepDims) {
        return Reductions.max(this, new int[] {axis}, keepDims);
    }

    /** The maximum over {@code axes} ({@code null}: all); over several axes tied maxima share the gradient. */
    public final Tensor max(int[] axes, boolean keepDims) {
        return Reductions.max(this, axes, keepDims);
    }

    /** The smallest element (0-dimensional); tied minima share the gradient. */
    public final Tensor min() {
        return Reductions.min(this, null, false);
    }

    /** The minimum along {@code axis}, which disappears; the first minimum takes the gradient. */
    public final Tensor min(int axis) {
        return Reductions.min(this, new int[] {axis}, false);
    }

    /** The minimum along {@code axis}, kept as size 1 if {@code keepDims}. */
    public final Tensor min(int axis, boolean keepDims) {
        return Reductions.min(this, new int[] {axis}, keepDims);
    }

    /** The minimum over {@code axes} ({@code null}: all); over several axes tied minima share the gradient. */
    public final Tensor min(int[] axes, boolean keepDims) {
        return Reductions.min(this, axes, keepDims);
    }

    /** Indices of the maxima along {@code axis} (int64; the first on ties): {@code logits.argmax(1)}. */
    public final Tensor argmax(int axis) {
        return Reductions.argmax(this, axis, false);
    }

    /** Indices of the maxima along {@code axis}, the axis kept as size 1 if {@code keepDims}. */
    public final Tensor argmax(int axis, boolean keepDims) {
        return Reductions.argmax(this, axis, keepDims);
    }

    /** Indices of the minima along {@code axis} (int64; the first on ties). */
    public final Tensor argmin(int axis) {
        return Reductions.argmin(this, axis, false);
    }

    /** Indices of the minima along {@code axis}, the axis kept as size 1 if {@code keepDims}. */
    public final Tensor argmin(int axis, boolean keepDims) {
        return Reductions.argmin(this, axis, keepDims);
    }

    // ---------------------------------------------------------------- comparisons (ops/Comparisons.java)

    /** 1 where this equals {@code other} (broadcast), else 0: an int64 mask that {@code sum()} counts. */
    public final Tensor eq(Tensor other) {
        return Comparisons.compare(Comparisons.Kind.EQ, this, other);
    }

    /** 1 where this equals {@code value}, else 0 (an int64 mask). */
    public final Tensor eq(double value) {
        return Comparisons.compare(Comparisons.Kind.EQ, this, value);
    }

    /** 1 where this differs from {@code other} (broadcast), else 0. */
    public final Tensor ne(Tensor other) {
        return Comparisons.compare(Comparisons.Kind.NE, this, other);
    }

    /** 1 where this differs from {@code value}, else 0. */
    public final Tensor ne(double value) {
        return Comparisons.compare(Comparisons.Kind.NE, this, value);
    }

    /** 1 where this is greater than {@code other} (broadcast), else 0. */
    public final Tensor gt(Tensor other) {
        return Comparisons.compare(Comparisons.Kind.GT, this, other);
    }

    /** 1 where this is greater than {@code value}, else 0. */
    public final Tensor gt(double value) {
        return Comparisons.compare(Comparisons.Kind.GT, this, value);
    }

    /** 1 where this is greater than or equal to {@code other} (broadcast), else 0. */
    public final Tensor ge(Tensor other) {
        return Comparisons.compare(Comparisons.Kind.GE, this, other);
    }

    /** 1 where this is greater than or equal to {@code value}, else 0. */
    public final Tensor ge(double value) {
        return Comparisons.compare(Comparisons.Kind.GE, this, value);
    }

    /** 1 where this is less than {@code other} (broadcast), else 0. */
    public final Tensor lt(Tensor other) {
        return Comparisons.compare(Comparisons.Kind.LT, this, other);
    }

    /** 1 where this is less than {@code value}, else 0. */
    public final Tensor lt(double value) {
        return Comparisons.compare(Comparisons.Kind.LT, this, value);
    }

    /** 1 where this is less than or equal to {@code other} (broadcast), else 0. */
    public final Tensor le(Tensor other) {
        return Comparisons.compare(Comparisons.Kind.LE, this, other);
    }

    /** 1 where this is less than or equal to {@code value}, else 0. */
    public final Tensor le(double value) {
        return Comparisons.compare(Comparisons.Kind.LE, this, value);
    }

    /** {@code a} where {@code condition} is non-zero, else {@code b} (broadcast; differentiable in a and b). */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Comparisons.where(condition, a, b);
    }

    // ---------------------------------------------------------------- linear algebra (ops/MatMul.java)

    /** Matrix product: 2-D @ 2-D, batched N-D @ N-D with equal batch sizes, or N-D @ 2-D. */
    public final Tensor matmul(Tensor other) {
        return MatMul.matmul(this, other);
    }

    // ---------------------------------------------------------------- shape (ops/ShapeOps.java)

    /** Same elements, new shape; one dimension may be -1 (inferred). */
    public final Tensor reshape(long... shape) {
        return ShapeOps.reshape(this, shape);
    }

    /** The same elements with axes reordered: output axis i is input axis {@code axes[i]}. */
    public final Tensor permute(int... axes) {
        return ShapeOps.permute(this, axes);
    }

    /** The same elements with two axes swapped. */
    public final Tensor transpose(int axis0, int axis1) {
        return ShapeOps.transpose(this, axis0, axis1);
    }

    /** Merges axes {@code startAxis..} into one, as {@code torch.flatten(x, startAxis)}. */
    public final Tensor flatten(int startAxis) {
        return ShapeOps.flatten(this, startAxis);
    }

    /** All elements in one axis. */
    public final Tensor flatten() {
        return ShapeOps.flatten(this, 0);
    }

    /** Joins tensors along {@code axis}; all other sizes must agree. */
    public static Tensor concat(int axis, Tensor... parts) {
        return ShapeOps.concat(axis, parts);
    }

    /** Rows {@code start} (inclusive) to {@code end} (exclusive) along the batch axis (axis 0). */
    public final Tensor slice(long start, long end) {
        return ShapeOps.slice(this, start, end);
    }

    /** Indices {@code [start, start + length)} along {@code axis} ({@code x[:, 2:5]} is {@code narrow(1, 2, 3)}). */
    public final Tensor narrow(int axis, long start, long length) {
        return ShapeOps.narrow(this, axis, start, length);
    }

    /** The slice at {@code index} along {@code axis}, which disappears ({@code x[:, k]} is {@code select(1, k)}). */
    public final Tensor select(int axis, long index) {
        return ShapeOps.select(this, axis, index);
    }

    /** Removes {@code axis} if its size is 1 (as {@code torch.squeeze(x, dim)}). */
    public final Tensor squeeze(int axis) {
        return ShapeOps.squeeze(this, axis);
    }

    /** Inserts an axis of size 1 at {@code axis}. */
    public final Tensor unsqueeze(int axis) {
        return ShapeOps.unsqueeze(this, axis);
    }

    /** Repeats size-1 axes (and adds leading ones) up to {@code shape}; −1 keeps a size. */
    public final Tensor expand(long... shape) {
        return ShapeOps.expand(this, shape);
    }

    /** Joins tensors of one shape along a new axis {@code axis}. */
    public static Tensor stack(int axis, Tensor... parts) {
        return ShapeOps.stack(axis, parts);
    }

    /** A copy with its own memory that stays in the graph (gradients flow back through it). */
    @Override
    public final Tensor clone() {
        return ShapeOps.clone(this);
    }

    /** The rows named by {@code indices} (int64, 1-D) along the batch axis, repeats allowed. */
    public final Tensor indexSelect(Tensor indices) {
        return ShapeOps.indexSelect(this, indices);
    }

    // ---------------------------------------------------------------- activations (ops/Activations.java)

    /** max(this, 0). */
    public final Tensor relu() {
        return Activations.relu(this);
    }

    /** this where positive, else {@code negativeSlope} · this. */
    public final Tensor leakyRelu(double negativeSlope) {
        return Activations.leakyRelu(this, negativeSlope);
    }

    /** 1 / (1 + e^−this). */
    public final Tensor sigmoid() {
        return Activations.sigmoid(this);
    }

    /** The hyperbolic tangent. */
    public final Tensor tanh() {
        return Activations.tanh(this);
    }

    /** The exact GELU, this · Φ(this) (Φ the standard normal CDF). */
    public final Tensor gelu() {
        return Activations.gelu(this);
    }

    /** Probabilities along {@code axis}: e^x / Σ e^x, computed without overflow. */
    public final Tensor softmax(int axis) {
        return Activations.softmax(this, axis);
    }

    /** Log-probabilities along {@code axis}: x − log Σ e^x, computed without overflow. */
    public final Tensor logSoftmax(int axis) {
        return Activations.logSoftmax(this, axis);
    }

    // ---------------------------------------------------------------- printing

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Tensor(shape=").append(Shapes.str(shape()))
                .append(", dtype=").append(dtype());
        if (gradFn != null) {
            s.append(", gradFn=").append(gradFn.op);
        } else if (requiresGrad) {
            s.append(", requiresGrad=true");
        }
        if (scope != null && scope.isClosed()) {
            return s.append(", released)").toString();
        }
        return s.append(")\n").append(data).toString();
    }
}
