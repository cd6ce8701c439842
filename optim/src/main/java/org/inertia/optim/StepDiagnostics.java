package org.inertia.optim;

import java.util.IdentityHashMap;
import java.util.Map;
import org.inertia.core.MemoryScope;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures a step's {@link ParamDiagnostics} around each parameter's update, keeping θ before the update
 * in one copy per parameter that is reused from step to step (a fresh copy each time cost more than all
 * the measuring). Every operation is libnd4j's, as the update's are: mixing in OpenBLAS calls makes the
 * two thread pools fight over the cores (docs/performance.md, "The studio's files").
 */
final class StepDiagnostics {
    private final Map<Tensor, INDArray> before = new IdentityHashMap<>();

    /** What is known before the update. */
    record Before(int group, double parameterNorm, double gradientNorm, double alignment) {
    }

    /** ‖θ‖, ‖g‖ and cos(g, v) with the velocity the step starts from; keeps a copy of θ. */
    Before measureBefore(Tensor p, int group, INDArray grad, INDArray velocity) {
        double gNorm = grad.norm2Number().doubleValue();
        double alignment = Double.NaN;
        if (velocity != null) {
            double vNorm = velocity.norm2Number().doubleValue();
            if (gNorm > 0 && vNorm > 0) {
                alignment = Nd4j.getExecutioner().exec(new Dot(grad, velocity)).getDouble(0) / (gNorm * vNorm);
            }
        }
        INDArray theta = p.data();
        before.computeIfAbsent(p, k -> MemoryScope.persistent(theta::ulike)).assign(theta);
        return new Before(group, theta.norm2Number().doubleValue(), gNorm, alignment);
    }

    /** Adds ‖θ_new − θ_old‖ and the velocity's norm after the update. */
    ParamDiagnostics measureAfter(Before b, Tensor p, INDArray velocity) {
        return new ParamDiagnostics(p, b.group(), b.parameterNorm(), b.gradientNorm(), p.data().distance2(before.get(p)),
                velocity == null ? Double.NaN : velocity.norm2Number().doubleValue(), b.alignment());
    }
}
