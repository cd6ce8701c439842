package org.inertia.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.inertia.core.DType;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.optim.kernels.FusedAdam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Adam's fast forms ({@link FusedAdam}: the one-call update and the Java loop) against the readable step. */
class AdamStepTest {
    /** One way of taking an Adam step, as AdamStep's paths do. */
    private interface Update {
        void step(INDArray theta, INDArray g, ParamState state, AdamOptions o);
    }

    @ParameterizedTest(name = "amsgrad={0}")
    @ValueSource(booleans = {false, true})
    void fusedAndPlainTakeTheSameSteps(boolean amsgrad) {
        AdamOptions o = Adam.options().lr(0.01).betas(0.8, 0.95).eps(1e-6).amsgrad(amsgrad);
        assertSameSteps((t, g, s, o2) -> FusedAdam.fused(t, g, s, o2.lr(), o2.beta1(), o2.beta2(), o2.eps(), o2.amsgrad()), DType.FLOAT64, 21, new long[] {5, 7}, o, 1e-12, 1e-14);
    }

    @Test
    void javaLoopAndPlainTakeTheSameStepsInFloat32() {
        AdamOptions o = Adam.options().lr(0.01).betas(0.8, 0.95).eps(1e-6);
        assertSameSteps((t, g, s, o2) -> FusedAdam.loop(t, g, s, o2.lr(), o2.beta1(), o2.beta2(), o2.eps()), DType.FLOAT32, 22, new long[] {9, 11}, o, 1e-5, 1e-5);
    }

    /** The loop works in per-thread scratch arrays that outlive a call: a smaller tensor after a larger one must not see its tail. */
    @Test
    void javaLoopKeepsTensorsOfDifferentSizesApart() {
        AdamOptions o = Adam.options().lr(0.01).betas(0.8, 0.95).eps(1e-6);
        Rng rng = new Rng(23);
        long[][] shapes = {{40, 60}, {9, 11}, {1}};
        INDArray[] plain = new INDArray[shapes.length];
        INDArray[] loop = new INDArray[shapes.length];
        ParamState[] plainStates = new ParamState[shapes.length];
        ParamState[] loopStates = new ParamState[shapes.length];
        for (int k = 0; k < shapes.length; k++) {
            plain[k] = Tensor.normal(DType.FLOAT32, rng, 0, 1, shapes[k]).data();
            loop[k] = plain[k].dup();
            plainStates[k] = new ParamState();
            loopStates[k] = new ParamState();
        }
        for (int step = 0; step < 20; step++) {
            for (int k = 0; k < shapes.length; k++) {
                INDArray g = Tensor.normal(DType.FLOAT32, rng, 0, 0.5, shapes[k]).data();
                AdamStep.plain(plain[k], g, plainStates[k], o);
                FusedAdam.loop(loop[k], g, loopStates[k], o.lr(), o.beta1(), o.beta2(), o.eps());
            }
        }
        for (int k = 0; k < shapes.length; k++) {
            assertTrue(plain[k].equalsWithEps(loop[k], 1e-5), "tensor " + k);
            assertTrue(plainStates[k].get(AdamStep.EXP_AVG_SQ).equalsWithEps(loopStates[k].get(AdamStep.EXP_AVG_SQ), 1e-5),
                    "second moment of tensor " + k);
        }
    }

    /**
     * 50 steps of {@code update} and of the plain path from the same start on the same gradients: the
     * parameters agree to {@code paramTolerance} (relative to how far they moved), the moment buffers
     * to {@code bufferTolerance}.
     */
    private static void assertSameSteps(Update update, DType dtype, long seed, long[] shape, AdamOptions o,
                                        double paramTolerance, double bufferTolerance) {
        Rng rng = new Rng(seed);
        INDArray start = Tensor.normal(dtype, rng, 0, 1, shape).data();
        INDArray plainTheta = start.dup();
        INDArray otherTheta = start.dup();
        ParamState plainState = new ParamState();
        ParamState otherState = new ParamState();
        for (int step = 0; step < 50; step++) {
            // gradients of varying scale and sign, so v and the AMSGrad maximum both move
            INDArray g = Tensor.normal(dtype, rng, 0, step % 7 == 0 ? 5 : 0.5, shape).data();
            AdamStep.plain(plainTheta, g, plainState, o);
            update.step(otherTheta, g, otherState, o);
        }
        assertEquals(50, otherState.step());
        double scale = plainTheta.sub(start).amaxNumber().doubleValue();
        double diff = plainTheta.sub(otherTheta).amaxNumber().doubleValue();
        assertTrue(scale > 0.1 && diff < paramTolerance * Math.max(1, scale), "largest difference " + diff);
        for (String buffer : o.amsgrad() ? new String[] {AdamStep.EXP_AVG, AdamStep.EXP_AVG_SQ, AdamStep.MAX_EXP_AVG_SQ}
                : new String[] {AdamStep.EXP_AVG, AdamStep.EXP_AVG_SQ}) {
            assertTrue(plainState.get(buffer).equalsWithEps(otherState.get(buffer), bufferTolerance), buffer);
        }
    }
}
