package org.inertia.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks an op's analytic gradients against central finite differences, in float64.
 *
 * <p>The function's output is reduced to a scalar with fixed random weights, L = Σ f(x) ⊙ r, so
 * every output element takes part. For each input element, the numeric derivative is
 * (L(x + h) − L(x − h)) / 2h; the analytic one comes from {@link Tensor#backward()}. The error of an
 * element is |analytic − numeric| / max(1, |analytic|, |numeric|): relative for large gradients,
 * absolute for small ones (where a relative error means nothing).
 *
 * <pre>{@code
 * GradCheck.check("myOp", in -> MyOps.myOp(in[0], in[1]), x, w).assertWithin(1e-6);
 * }</pre>
 *
 * Avoid inputs at kinks (relu at 0, abs at 0, ties in max): there the derivative is not defined.
 */
public final class GradCheck {
    /** The default finite-difference step: small truncation error, small round-off in float64. */
    public static final double DEFAULT_STEP = 1e-6;

    private GradCheck() {
    }

    /** The worst element of one input. */
    public record Worst(int input, long[] shape, long flatIndex, double analytic, double numeric, double error) {
        @Override
        public String toString() {
            return "input " + input + " (shape " + Shapes.str(shape) + ") element " + Arrays.toString(unravel())
                    + " (flat " + flatIndex + "): analytic " + analytic + " vs numeric " + numeric
                    + ", relative error " + String.format("%.3g", error);
        }

        private long[] unravel() {
            long[] index = new long[shape.length];
            long rest = flatIndex;
            for (int d = shape.length - 1; d >= 0; d--) {
                index[d] = shape[d] == 0 ? 0 : rest % shape[d];
                rest = shape[d] == 0 ? 0 : rest / shape[d];
            }
            return index;
        }
    }

    /** The result of a check: the worst element of each input. */
    public record Report(String function, List<Worst> worst) {
        /** The largest error over all inputs. */
        public double maxError() {
            return worst.stream().mapToDouble(Worst::error).max().orElse(0);
        }

        /** The worst relative error of input {@code i}. */
        public double error(int input) {
            return worst.get(input).error();
        }

        /** Throws {@link AssertionError} naming the function, input, index and both derivatives. */
        public Report assertWithin(double tolerance) {
            for (Worst w : worst) {
                if (!(w.error() <= tolerance)) {
                    throw new AssertionError("GradCheck '" + function + "': " + w + " exceeds " + tolerance);
                }
            }
            return this;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("GradCheck '" + function + "'");
            for (Worst w : worst) {
                s.append("\n  ").append(w);
            }
            return s.toString();
        }
    }

    /** Checks {@code f} at {@code inputs} with the default step. */
    public static Report check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(name, f, DEFAULT_STEP, inputs);
    }

    /**
     * Checks every floating input of {@code f} (int64 inputs, such as labels, are held fixed).
     * The inputs are copied; the caller's tensors are left untouched.
     */
    public static Report check(String name, Function<Tensor[], Tensor> f, double step, Tensor... inputs) {
        Objects.requireNonNull(f, "f");
        if (!(step > 0)) {
            throw new IllegalArgumentException("GradCheck: step must be > 0, got " + step);
        }
        Tensor[] x = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            DType t = inputs[i].dtype();
            if (t == DType.FLOAT32) {
                throw new IllegalArgumentException("GradCheck '" + name + "': input " + i + " is float32; finite "
                        + "differences need float64 (use .to(DType.FLOAT64) or create the input as FLOAT64)");
            }
            x[i] = Tensor.wrap(inputs[i].data().dup('c')).requiresGrad(t.isFloating());
        }

        Tensor probe = f.apply(x);
        if (!probe.requiresGrad()) {
            throw new IllegalArgumentException("GradCheck '" + name + "': the output does not depend on any input "
                    + "through differentiable ops");
        }
        INDArray weights = new Rng(1234).normal(DType.FLOAT64, 0, 1, probe.shape());
        Tensor projection = Tensor.wrap(weights);
        probe.mul(projection).sum().backward();

        List<Worst> worst = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!x[i].dtype().isFloating()) {
                continue;
            }
            Tensor grad = x[i].grad();
            INDArray analytic = grad == null ? org.nd4j.linalg.factory.Nd4j.zerosLike(x[i].data()) : grad.data();
            worst.add(compare(i, f, x, projection, step, analytic));
        }
        return new Report(name, worst);
    }

    /**
     * Checks the gradients of {@code output} with respect to existing leaves, such as a layer's own
     * parameters and its input: {@code output} recomputes the result from them each time it is called.
     * The leaves are perturbed in place and restored exactly; their gradients are overwritten.
     */
    public static Report checkLeaves(String name, java.util.function.Supplier<Tensor> output, Tensor... leaves) {
        for (int i = 0; i < leaves.length; i++) {
            if (leaves[i].dtype() != DType.FLOAT64 || !leaves[i].isLeaf() || !leaves[i].requiresGrad()) {
                throw new IllegalArgumentException("GradCheck '" + name + "': leaf " + i + " must be a float64 leaf with "
                        + "requiresGrad(true), got " + leaves[i].dtype() + (leaves[i].isLeaf() ? "" : " non-leaf"));
            }
            leaves[i].zeroGrad();
        }
        Tensor probe = output.get();
        Tensor projection = Tensor.wrap(new Rng(1234).normal(DType.FLOAT64, 0, 1, probe.shape()));
        probe.mul(projection).sum().backward();
        Function<Tensor[], Tensor> f = ignored -> output.get();
        List<Worst> worst = new ArrayList<>();
        for (int i = 0; i < leaves.length; i++) {
            Tensor grad = leaves[i].grad();
            INDArray analytic = grad == null ? org.nd4j.linalg.factory.Nd4j.zerosLike(leaves[i].data()) : grad.data().dup();
            worst.add(compare(i, f, leaves, projection, DEFAULT_STEP, analytic));
        }
        return new Report(name, worst);
    }

    private static Worst compare(int i, Function<Tensor[], Tensor> f, Tensor[] x, Tensor projection, double step,
                                 INDArray analytic) {
        INDArray data = x[i].data();
        long n = data.length();
        Worst worst = new Worst(i, data.shape(), 0, 0, 0, 0);
        for (long k = 0; k < n; k++) {
            double original = data.getDouble(k);
            data.putScalar(k, original + step);
            double plus = loss(f, x, projection);
            data.putScalar(k, original - step);
            double minus = loss(f, x, projection);
            data.putScalar(k, original);
            double numeric = (plus - minus) / (2 * step);
            double a = analytic.getDouble(k);
            double error = Math.abs(a - numeric) / Math.max(1.0, Math.max(Math.abs(a), Math.abs(numeric)));
            if (Double.isNaN(error) || error > worst.error() || k == 0) {
                worst = new Worst(i, data.shape(), k, a, numeric, Double.isNaN(error) ? Double.POSITIVE_INFINITY : error);
            }
        }
        return worst;
    }

    private static double loss(Function<Tensor[], Tensor> f, Tensor[] x, Tensor projection) {
        return NoGrad.get(() -> f.apply(x).mul(projection).sum().item());
    }
}
