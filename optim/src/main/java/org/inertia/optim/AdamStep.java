package org.inertia.optim;

import org.inertia.core.ops.Native;
import org.inertia.core.ops.SmallArrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The moment update Adam and AdamW share (they differ only in how weight decay enters).
 *
 * <pre>
 *   t ← t + 1
 *   m ← β₁ m + (1 − β₁) g                     (first moment: the momentum)
 *   v ← β₂ v + (1 − β₂) g²                    (second moment)
 *   v̂ ← max(v̂, v)                            (AMSGrad only; v̂ replaces v below)
 *   θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 *
 * {@link #plain} is that, line by line, in PyTorch 1.13's order of operations. {@link #fused} computes
 * the same update in one native call per parameter ({@code adam_updater}, or {@code ams_grad_updater}
 * for AMSGrad) and is what runs: ten calls and four temporary arrays per parameter were a fifth of a
 * LeNet-5 step (docs/performance.md). Small float32 tensors take {@link #loop}, one Java loop, instead.
 * A test checks that the three agree.
 */
final class AdamStep {
    static final String EXP_AVG = "exp_avg";
    static final String EXP_AVG_SQ = "exp_avg_sq";
    static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    /** Run the readable path instead ({@code -Dinertia.plainOptimizers=true}), e.g. to step through it. */
    static final boolean PLAIN = Boolean.getBoolean("inertia.plainOptimizers");

    private AdamStep() {
    }

    static void apply(INDArray theta, INDArray g, ParamState state, AdamOptions o) {
        // At η = 0 libnd4j's updater would take ε as its step size: the plain path is exact there.
        if (PLAIN || o.lr() == 0) {
            plain(theta, g, state, o);
        } else if (!o.amsgrad() && SmallArrays.fit(theta, g, state.zerosIfAbsent(EXP_AVG, theta),
                state.zerosIfAbsent(EXP_AVG_SQ, theta))) {
            loop(theta, g, state, o);
        } else {
            fused(theta, g, state, o);
        }
    }

    /** The update as PyTorch writes it. */
    static void plain(INDArray theta, INDArray g, ParamState state, AdamOptions o) {
        long t = state.step() + 1;
        state.setStep(t);
        INDArray m = state.zerosIfAbsent(EXP_AVG, theta);
        INDArray v = state.zerosIfAbsent(EXP_AVG_SQ, theta);
        InPlace.axpy(1 - o.beta1(), g, m.muli(o.beta1()));                   // m ← β₁m + (1 − β₁)g
        InPlace.axpy(1 - o.beta2(), g.mul(g), v.muli(o.beta2()));            // v ← β₂v + (1 − β₂)g²
        double biasCorrection1 = 1 - Math.pow(o.beta1(), t);
        double biasCorrection2 = 1 - Math.pow(o.beta2(), t);
        double stepSize = o.lr() / biasCorrection1;
        INDArray second = v;
        if (o.amsgrad()) {
            INDArray max = state.zerosIfAbsent(MAX_EXP_AVG_SQ, theta);
            Transforms.max(max, v, false);                                    // v̂ ← max(v̂, v)
            second = max;
        }
        INDArray denom = Transforms.sqrt(second, true).divi(Math.sqrt(biasCorrection2)).addi(o.eps());
        InPlace.axpy(-stepSize, m.div(denom), theta);                         // θ ← θ − step · m/denom
    }

    /**
     * The plain update as one Java loop over heap copies, for small float32 tensors: libnd4j's updater
     * takes its square roots one scalar libm call at a time (~2 ns per element) after a fixed cost per
     * call, which made the optimizer a tenth of a LeNet-5 step; C2 vectorises this loop, square root
     * included. Same order of operations as {@link #plain}, in float32.
     */
    static void loop(INDArray theta, INDArray g, ParamState state, AdamOptions o) {
        long t = state.step() + 1;
        state.setStep(t);
        INDArray mArray = state.zerosIfAbsent(EXP_AVG, theta);
        INDArray vArray = state.zerosIfAbsent(EXP_AVG_SQ, theta);
        int n = (int) theta.length();
        float[] p = SmallArrays.read(theta, 0);       // this thread's scratch arrays: no garbage per step
        float[] grad = SmallArrays.read(g, 1);
        float[] m = SmallArrays.read(mArray, 2);
        float[] v = SmallArrays.read(vArray, 3);
        float beta1 = (float) o.beta1();
        float beta2 = (float) o.beta2();
        float stepSize = (float) (o.lr() / (1 - Math.pow(o.beta1(), t)));
        float sqrtBiasCorrection2 = (float) Math.sqrt(1 - Math.pow(o.beta2(), t));
        float eps = (float) o.eps();
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
    static void fused(INDArray theta, INDArray g, ParamState state, AdamOptions o) {
        long t = state.step() + 1;
        state.setStep(t);
        INDArray m = state.zerosIfAbsent(EXP_AVG, theta);
        INDArray v = state.zerosIfAbsent(EXP_AVG_SQ, theta);
        INDArray u = theta.ulike();
        double epsPrime = o.eps() * Math.sqrt(1 - Math.pow(o.beta2(), t));
        long[] iteration = Native.ints(t - 1);                 // libnd4j counts from 0 and raises β to t − 1 + 1
        if (o.amsgrad()) {
            INDArray max = state.zerosIfAbsent(MAX_EXP_AVG_SQ, theta);
            Native.exec("ams_grad_updater", Native.in(g, v, m, max), Native.out(u, v, m, max), iteration,
                    o.lr(), o.beta1(), o.beta2(), epsPrime);
        } else {
            Native.exec("adam_updater", Native.in(g, v, m), Native.out(u, v, m), iteration,
                    o.lr(), o.beta1(), o.beta2(), epsPrime);
        }
        InPlace.axpy(-1, u, theta);                                           // θ ← θ − u
    }
}
