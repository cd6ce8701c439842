package org.inertia.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.inertia.core.DType;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The one-call Adam update and the Java loop (what runs) against the line-by-line PyTorch form they replace. */
class AdamStepTest {
    @ParameterizedTest(name = "amsgrad={0}")
    @ValueSource(booleans = {false, true})
    void fusedAndPlainTakeTheSameSteps(boolean amsgrad) {
        Rng rng = new Rng(21);
        INDArray start = Tensor.normal(DType.FLOAT64, rng, 0, 1, 5, 7).data();
        INDArray plainTheta = start.dup();
        INDArray fusedTheta = start.dup();
        ParamState plainState = new ParamState();
        ParamState fusedState = new ParamState();
        AdamOptions o = Adam.options().lr(0.01).betas(0.8, 0.95).eps(1e-6).amsgrad(amsgrad);
        for (int step = 0; step < 50; step++) {
            // gradients of varying scale and sign, so v and the AMSGrad maximum both move
            INDArray g = Tensor.normal(DType.FLOAT64, rng, 0, step % 7 == 0 ? 5 : 0.5, 5, 7).data();
            AdamStep.plain(plainTheta, g, plainState, o);
            AdamStep.fused(fusedTheta, g, fusedState, o);
        }
        assertEquals(50, fusedState.step());
        double scale = plainTheta.sub(start).amaxNumber().doubleValue();
        double diff = plainTheta.sub(fusedTheta).amaxNumber().doubleValue();
        assertTrue(scale > 0.1 && diff < 1e-12 * Math.max(1, scale), "largest difference " + diff);
        for (String buffer : amsgrad ? new String[] {AdamStep.EXP_AVG, AdamStep.EXP_AVG_SQ, AdamStep.MAX_EXP_AVG_SQ}
                : new String[] {AdamStep.EXP_AVG, AdamStep.EXP_AVG_SQ}) {
            assertTrue(plainState.get(buffer).equalsWithEps(fusedState.get(buffer), 1e-14), buffer);
        }
    }

    @Test
    void javaLoopAndPlainTakeTheSameStepsInFloat32() {
        Rng rng = new Rng(22);
        INDArray start = Tensor.normal(DType.FLOAT32, rng, 0, 1, 9, 11).data();
        INDArray plainTheta = start.dup();
        INDArray loopTheta = start.dup();
        ParamState plainState = new ParamState();
        ParamState loopState = new ParamState();
        AdamOptions o = Adam.options().lr(0.01).betas(0.8, 0.95).eps(1e-6);
        for (int step = 0; step < 50; step++) {
            INDArray g = Tensor.normal(DType.FLOAT32, rng, 0, step % 7 == 0 ? 5 : 0.5, 9, 11).data();
            AdamStep.plain(plainTheta, g, plainState, o);
            AdamStep.loop(loopTheta, g, loopState, o);
        }
        assertEquals(50, loopState.step());
        double scale = plainTheta.sub(start).amaxNumber().doubleValue();
        double diff = plainTheta.sub(loopTheta).amaxNumber().doubleValue();
        assertTrue(scale > 0.1 && diff < 1e-5 * Math.max(1, scale), "largest difference " + diff);
        for (String buffer : new String[] {AdamStep.EXP_AVG, AdamStep.EXP_AVG_SQ}) {
            assertTrue(plainState.get(buffer).equalsWithEps(loopState.get(buffer), 1e-5), buffer);
        }
    }
}
