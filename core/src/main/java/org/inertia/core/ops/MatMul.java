package org.inertia.core.ops;

import java.util.Arrays;
import org.inertia.core.FastPaths;
import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.inertia.core.kernels.MatMulKernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products. For C = A·B the gradients are dA = dC·Bᵀ and dB = Aᵀ·dC; a linear layer's
 * x·Wᵀ + b follows from them. The fast forms ({@link MatMulKernels}) compute the same with one native
 * GEMM per product and write weight gradients straight into their buffers.
 */
public final class MatMul {
    private MatMul() {
    }

    /**
     * 2-D @ 2-D; N-D @ N-D with equal leading (batch) sizes; or N-D @ 2-D, which applies the matrix
     * to the last axis of every batch entry (how a linear layer sees a batch of sequences).
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        Shapes.requireSameFloatType("matmul", a, b);
        long[] as = a.shape();
        long[] bs = b.shape();
        if (as.length < 2 || bs.length < 2) {
            throw new IllegalArgumentException("matmul: both operands need at least 2 dimensions, got "
                    + Shapes.str(as) + " @ " + Shapes.str(bs) + " (reshape vectors to [1, n] or [n, 1])");
        }
        if (as[as.length - 1] != bs[bs.length - 2]) {
            throw new IllegalArgumentException("matmul: inner dimensions differ, " + Shapes.str(as) + " @ "
                    + Shapes.str(bs) + " (" + as[as.length - 1] + " != " + bs[bs.length - 2] + ")");
        }
        if (as.length == 2 && bs.length == 2) {
            return matmul2d(a, b);
        }
        if (bs.length == 2) {
            // [..., n, k] @ [k, m]: fold the batch axes into rows, one GEMM, unfold.
            long[] outShape = Arrays.copyOf(as, as.length);
            outShape[as.length - 1] = bs[1];
            return matmul2d(a.reshape(-1, as[as.length - 1]), b).reshape(outShape);
        }
        if (as.length != bs.length || !Arrays.equals(Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2))) {
            throw new IllegalArgumentException("matmul: batch dimensions differ, " + Shapes.str(as) + " @ "
                    + Shapes.str(bs) + "; batched matmul needs equal leading dimensions");
        }
        return batched(a, b);
    }

    /**
     * A linear layer's map x·Wᵀ + b with W in PyTorch's {@code [out, in]} layout, as one op.
     * dx = g·W,  dW = gᵀ·x,  db = Σ over the batch of g. Inputs of rank &gt; 2 are flattened to rows.
     *
     * @param bias {@code [out]} or {@code null}
     */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        Shapes.requireSameFloatType("linear", input, weight);
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("linear: weight must be 2-D [out features, in features], got "
                    + Shapes.str(weight.shape()));
        }
        long in = weight.shape()[1];
        long out = weight.shape()[0];
        if (input.rank() < 1 || input.shape()[input.rank() - 1] != in) {
            throw new IllegalArgumentException("linear: input " + Shapes.str(input.shape()) + " has "
                    + (input.rank() < 1 ? 0 : input.shape()[input.rank() - 1]) + " features but weight "
                    + Shapes.str(weight.shape()) + " expects " + in);
        }
        if (bias != null) {
            Shapes.requireSameFloatType("linear", input, bias);
            if (bias.rank() != 1 || bias.shape()[0] != out) {
                throw new IllegalArgumentException("linear: bias " + Shapes.str(bias.shape()) + " must be [" + out
                        + "] for weight " + Shapes.str(weight.shape()));
            }
        }
        if (input.rank() != 2) {
            long[] shape = input.shape().clone();
            shape[shape.length - 1] = out;
            return linear(input.reshape(-1, in), weight, bias).reshape(shape);
        }
        if (FastPaths.enabled()) {
            return MatMulKernels.linear(input, weight, bias);
        }
        INDArray x = input.data();
        INDArray w = weight.data();
        INDArray y = x.mmul(w.transpose());                             // x · Wᵀ
        if (bias != null) {
            y.addiRowVector(bias.data());                               // + b, on every row
        }
        Tensor[] inputs = bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias};
        return Tensor.fromOp("linear", y, (g, needs) -> {
            INDArray[] grads = new INDArray[inputs.length];
            grads[0] = needs[0] ? g.mmul(w) : null;                     // dx = g · W
            grads[1] = needs[1] ? g.transpose().mmul(x) : null;         // dW = gᵀ · x
            if (bias != null && needs[2]) {
                grads[2] = g.sum(0);                                    // db = Σ_batch g
            }
            return grads;
        }, inputs);
    }

    private static Tensor matmul2d(Tensor a, Tensor b) {
        if (FastPaths.enabled()) {
            return MatMulKernels.matmul(a, b);
        }
        INDArray x = a.data();
        INDArray w = b.data();
        return Tensor.fromOp("matmul", x.mmul(w), (g, needs) -> new INDArray[] {
            needs[0] ? g.mmul(w.transpose()) : null,                    // dA = dC · Bᵀ
            needs[1] ? x.transpose().mmul(g) : null},                   // dB = Aᵀ · dC
            a, b);
    }

    private static Tensor batched(Tensor a, Tensor b) {
        INDArray x = a.data();
        INDArray w = b.data();
        INDArray out = Nd4j.matmul(x, w);
        return Tensor.fromOp("matmul", out, (g, needs) -> new INDArray[] {
            needs[0] ? Nd4j.matmul(g, w, false, true, false) : null,
            needs[1] ? Nd4j.matmul(x, g, true, false, false) : null},
            a, b);
    }
}
