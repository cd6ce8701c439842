package org.inertia.core.kernels;

import org.inertia.core.BackwardInto;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fast forms of {@code ops.MatMul}'s 2-D product and linear layer: each GEMM one native call with
 * transpose flags ({@link Gemm}), the bias added by a Java loop for small arrays ({@link SmallArrays}),
 * the bias gradient a matrix–vector product ({@link Sums}), and a parameter's first gradient of a step
 * written straight into its buffer ({@link BackwardInto}) instead of computed apart and copied in.
 */
public final class MatMulKernels {
    private MatMulKernels() {
    }

    /** a·b for 2-D a and b (checked by the caller). */
    public static Tensor matmul(Tensor a, Tensor b) {
        INDArray x = a.data();
        INDArray w = b.data();
        INDArray out = Gemm.gemm(x, w, false, false);
        return Tensor.fromOp("matmul", out, (BackwardInto) (g, needs, into) -> new INDArray[] {
            needs[0] ? Gemm.gemm(g, w, false, true, into[0]) : null,   // dA = dC · Bᵀ
            needs[1] ? Gemm.gemm(x, g, true, false, into[1]) : null},  // dB = Aᵀ · dC
            a, b);
    }

    /** x·Wᵀ + b for 2-D x, W {@code [out, in]}, b {@code [out]} or null (checked by the caller). */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        INDArray x = input.data();
        INDArray w = weight.data();
        INDArray y = Gemm.gemm(x, w, false, true);                              // x · Wᵀ
        if (bias != null && SmallArrays.fit(y, bias.data())) {
            SmallArrays.addRowVector(y, bias.data());
        } else if (bias != null) {
            y.addiRowVector(bias.data());
        }
        Tensor[] inputs = bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias};
        return Tensor.fromOp("linear", y, (BackwardInto) (g, needs, into) -> {
            INDArray[] grads = new INDArray[inputs.length];
            grads[0] = needs[0] ? Gemm.gemm(g, w, false, false) : null;             // dx = g · W
            grads[1] = needs[1] ? Gemm.gemm(g, x, true, false, into[1]) : null;     // dW = gᵀ · x
            if (bias != null && needs[2]) {
                grads[2] = Sums.columnSums(g, into[2]);                             // db = Σ_batch g
            }
            return grads;
        }, inputs);
    }
}
