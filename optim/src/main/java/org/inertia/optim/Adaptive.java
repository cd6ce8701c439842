package org.inertia.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adaptive momentum for {@link Momentum} and {@link Nesterov}: the rule of thumb "keep momentum
 * while gradients agree with the velocity, drop it when they do not", applied per parameter tensor
 * (for a 2-D test function that is the whole parameter vector).
 */
public enum Adaptive {
    /** Constant momentum coefficient. */
    NONE,
    /**
     * O'Donoghue &amp; Candès' gradient restart: when the new gradient disagrees with the velocity
     * (gᵀv &lt; 0 in the θ −= ηv convention, i.e. the last move went uphill) the velocity is reset and
     * the step starts afresh.
     */
    RESTART,
    /**
     * Consistency-scaled momentum: this step uses β·(1 + cos(g, v))/2, full β when the gradient
     * points along the velocity, 0 when it points against it.
     */
    CONSISTENCY;

    /** True if {@link #RESTART} is on and g and v disagree. */
    boolean shouldRestart(INDArray g, INDArray v) {
        return this == RESTART && v != null && Nd4j.getBlasWrapper().dot(g, v) < 0;
    }

    /** The momentum coefficient for this step. */
    double coefficient(double beta, INDArray g, INDArray v) {
        if (this != CONSISTENCY || v == null) {
            return beta;
        }
        double norms = g.norm2Number().doubleValue() * v.norm2Number().doubleValue();
        if (norms == 0) {
            return beta;            // no evidence of disagreement
        }
        double cos = Nd4j.getBlasWrapper().dot(g, v) / norms;
        return beta * (1 + cos) / 2;
    }
}
