package org.inertia.optim.kernels;

import org.inertia.core.kernels.Native;
import org.inertia.core.kernels.SmallArrays;
import org.inertia.optim.ParamState;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast forms of Adam's moment update ({@code optim.AdamStep} has the readable one): small float32
 * tensors as one Java loop, the rest as one native call per parameter. Ten calls and four temporary
 * arrays per parameter were a large share of a LeNet-5 step (docs/performance.md, "What each change bought").
 * The conformance suites run both forms.
 */
public final class FusedAdam {
    /** State buffer names, as PyTorch's. */
    private static final String EXP_AVG = "exp_avg";
    private static final String EXP_AVG_SQ = "exp_avg_sq";
    private static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    private FusedAdam() {
    }

    /**
     * One Adam step of θ with gradient g (weight decay already applied): the loop for small float32
     * tensors without AMSGrad, one native call otherwise.
     */
    public static void apply(INDArray theta, INDArray g, ParamState state, double lr, double beta1, double beta2,
                             double eps, boolean amsgrad) {
        if (!amsgrad && SmallArrays.fit(theta, g, state.zerosIfAbsent(EXP_AVG, theta),
                state.zerosIfAbsent(EXP_AVG_SQ, theta))) {
            loop(theta, g, state, lr, beta1, beta2, eps);
        } else {
            fused(theta, g, state, lr, beta1, beta2, eps, amsgrad);
        }
    }

    /**
     * The plain update as one Java loop over heap copies, for small float32 tensors: libnd4j's updater
     * takes its square roots one scalar libm call at a time (~2 ns per element) after a fixed cost per
     * call, which made the optimizer a tenth of a LeNet-5 step; C2 vectorises this loop, square root
     * included. Same order of operations as the readable step, in float32.
     */
    public static void loop(INDArray theta, INDArray g, ParamState state, double lr, double b1, double b2, double e) {
        long t = state.step() + 1;
        state.setStep(t);
        INDArray mArray = state.zerosIfAbsent(EXP_AVG, theta);
        INDArray vArray = state.zerosIfAbsent(EXP_AVG_SQ, theta);
        int n = (int) theta.length();
        float[] p = SmallArrays.read(theta, 0);       // this thread's scratch arrays: no garbage per step
        float[] grad = SmallArrays.read(g, 1);
        float[] m = SmallArrays.read(mArray, 2);
        float[] v = SmallArrays.read(vArray, 3);
        float beta1 = (float) b1;
        float beta2 = (float) b2;
        float stepSize = (float) (lr / (1 - Math.pow(b1, t)));
        float sqrtBiasCorrection2 = (float) Math.sqrt(1 - Math.pow(b2, t));
        float eps = (float) e;
        for (int i = 0; i < n; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * grad[i];                            // m ← β₁m + (1 − β₁)g
            v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];                  // v ← β₂v + (1 − β₂)g²
            p[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i]) / sqrtBiasCorrection2 + eps);
        }
        SmallArrays.write(p, theta);
        SmallArrays.write(m, mArray);
        SmallArrays.write(v, vArray);
    }

    /**
     * The same update in one libnd4j call. Its updater computes
     * {@code u = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε')}: PyTorch's step with numerator and denominator
     * multiplied by √(1 − β₂ᵗ), provided ε' = ε·√(1 − β₂ᵗ). It updates m, v (and v̂) in place and
     * returns u; then θ ← θ − u.
     */
    public static void fused(INDArray theta, INDArray g, ParamState state, double lr, double beta1, double beta2, double eps,
                      boolean amsgrad) {
        long t = state.step() + 1;
        state.setStep(t);
        INDArray m = state.zerosIfAbsent(EXP_AVG, theta);
        INDArray v = state.zerosIfAbsent(EXP_AVG_SQ, theta);
        INDArray u = theta.ulike();
        double epsPrime = eps * Math.sqrt(1 - Math.pow(beta2, t));
        long[] iteration = Native.ints(t - 1);                 // libnd4j counts from 0 and raises β to t − 1 + 1
        if (amsgrad) {
            INDArray max = state.zerosIfAbsent(MAX_EXP_AVG_SQ, theta);
            Native.exec("ams_grad_updater", Native.in(g, v, m, max), Native.out(u, v, m, max), iteration,
                    lr, beta1, beta2, epsPrime);
        } else {
            Native.exec("adam_updater", Native.in(g, v, m), Native.out(u, v, m), iteration,
                    lr, beta1, beta2, epsPrime);
        }
        Nd4j.exec(new Axpy(u, theta, theta, -1));                            // θ ← θ − u
    }
}
