package org.inertia.learn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.inertia.core.DType;
import org.inertia.learn.lesson4.MomentumFamily;
import org.inertia.optim.SGD;
import org.inertia.optim.trace.TestFunction;
import org.inertia.optim.trace.Trace;
import org.inertia.optim.trace.TracePoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Lesson 4, SGD → momentum → Nesterov: docs/learn/4-sgd-momentum-nesterov.md. */
@Tag("lesson4")
class Lesson4Test {
    private final MomentumFamily family = Course.momentumFamily();

    @Test
    void momentumFollowsPyTorchsPathOnRosenbrock() {
        ReferenceTrajectory ref = ReferenceTrajectory.load("momentum-rosenbrock");
        ref.assertFollowedBy(p -> family.momentum(p, ref.number("lr", 0), ref.number("momentum", 0)));
    }

    @Test
    void nesterovFollowsPyTorchsPathOnTheValley() {
        ReferenceTrajectory ref = ReferenceTrajectory.load("nesterov-quadratic");
        ref.assertFollowedBy(p -> family.nesterov(p, ref.number("lr", 0), ref.number("momentum", 0)));
    }

    @Test
    void onTheValleyMomentumOutrunsSgdAndNesterovOutrunsMomentum() {
        // docs/optimizers.md, "Why momentum works": η 0.025, β 0.9, 100 steps from (4, −2).
        double sgd = last(Trace.run(TestFunction.QUADRATIC, TestFunction.QUADRATIC.start(), DType.FLOAT64, 100,
                p -> new SGD(p, SGD.options().lr(0.025))));
        double momentum = last(Trace.run(TestFunction.QUADRATIC, TestFunction.QUADRATIC.start(), DType.FLOAT64, 100,
                p -> family.momentum(p, 0.025, 0.9)));
        double nesterov = last(Trace.run(TestFunction.QUADRATIC, TestFunction.QUADRATIC.start(), DType.FLOAT64, 100,
                p -> family.nesterov(p, 0.025, 0.9)));
        assertTrue(momentum < sgd / 10, "momentum " + momentum + " against SGD " + sgd);
        assertTrue(nesterov < momentum / 100, "Nesterov " + nesterov + " against momentum " + momentum);
    }

    private static double last(List<TracePoint> t) {
        return t.get(t.size() - 1).loss();
    }
}
