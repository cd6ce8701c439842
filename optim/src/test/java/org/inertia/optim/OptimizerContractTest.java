package org.inertia.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.inertia.core.DType;
import org.inertia.core.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks every optimizer configuration in {@link OptimizerTable} must pass. */
class OptimizerContractTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.inertia.optim.OptimizerTable#valid")
    void reducesTheLoss(String name, Function<List<Tensor>, Optimizer> factory) {
        Problem problem = new Problem(1);
        Optimizer optimizer = factory.apply(problem.params());
        double first = problem.loss().item();
        for (int i = 0; i < 50; i++) {
            problem.step(optimizer);
        }
        double last = problem.loss().item();
        assertTrue(last < first, name + ": loss went from " + first + " to " + last);
        assertEquals(50, optimizer.steps());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.inertia.optim.OptimizerTable#valid")
    void saveLoadMidRunThenContinueIsBitIdentical(String name, Function<List<Tensor>, Optimizer> factory) {
        Problem straight = new Problem(2);
        Optimizer a = factory.apply(straight.params());
        for (int i = 0; i < 7; i++) {
            straight.step(a);
        }
        OptimizerState snapshot = a.stateDict();
        double[][] paramsAtSnapshot = straight.snapshot();
        for (int i = 0; i < 9; i++) {
            straight.step(a);
        }

        Problem r = new Problem(2);                   // the same data as the straight run...
        r.load(paramsAtSnapshot);                     // ...and the parameters at the snapshot
        Optimizer b = factory.apply(r.params());
        b.loadStateDict(snapshot);
        for (int i = 0; i < 9; i++) {
            r.step(b);
        }
        assertArrayEquals(straight.snapshot()[0], r.snapshot()[0], name + ": weights differ after resume");
        assertArrayEquals(straight.snapshot()[1], r.snapshot()[1], name + ": bias differs after resume");
        assertEquals(a.steps(), b.steps());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.inertia.optim.OptimizerTable#valid")
    void snapshotsAreCopiesNotViews(String name, Function<List<Tensor>, Optimizer> factory) {
        Problem problem = new Problem(3);
        Optimizer optimizer = factory.apply(problem.params());
        problem.step(optimizer);
        OptimizerState snapshot = optimizer.stateDict();
        double[][] before = problem.snapshot();
        problem.step(optimizer);
        problem.step(optimizer);
        problem.load(before);
        Optimizer other = factory.apply(problem.params());
        other.loadStateDict(snapshot);
        OptimizerState again = other.stateDict();
        assertEquals(snapshot.params().keySet(), again.params().keySet());
        snapshot.params().forEach((i, s) -> s.buffers().forEach((buffer, array) ->
            assertEquals(array, again.params().get(i).buffers().get(buffer), name + ": " + buffer + " changed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.inertia.optim.OptimizerTable#valid")
    void parametersWithoutAGradientAreLeftAlone(String name, Function<List<Tensor>, Optimizer> factory) {
        Problem problem = new Problem(4);
        Tensor unused = Tensor.ones(DType.FLOAT64, 3).requiresGrad(true);
        Optimizer optimizer = factory.apply(List.of(problem.weight, problem.bias, unused));
        problem.step(optimizer);
        problem.step(optimizer);
        assertArrayEquals(new double[] {1, 1, 1}, unused.toDoubleArray());
        assertNull(optimizer.state(unused), name + ": no state for a parameter that never had a gradient");
        assertNotNull(optimizer.state(problem.weight));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.inertia.optim.OptimizerTable#valid")
    void zeroGradForgetsEveryGradient(String name, Function<List<Tensor>, Optimizer> factory) {
        Problem problem = new Problem(5);
        Optimizer optimizer = factory.apply(problem.params());
        problem.loss().backward();
        assertNotNull(problem.weight.grad());
        optimizer.zeroGrad();
        assertNull(problem.weight.grad());
        assertNull(problem.bias.grad());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.inertia.optim.OptimizerTable#valid")
    void diagnosticsReportTheGradientAndUpdateNorms(String name, Function<List<Tensor>, Optimizer> factory) {
        Problem problem = new Problem(6);
        Optimizer optimizer = factory.apply(problem.params());
        assertTrue(optimizer.diagnostics().isEmpty(), "off by default");
        optimizer.setDiagnostics(true);
        problem.step(optimizer);
        double[][] before = problem.snapshot();
        problem.step(optimizer);
        double[][] after = problem.snapshot();
        GroupDiagnostics d = optimizer.diagnostics().get(0);
        double gradSq = Math.pow(problem.weight.grad().data().norm2Number().doubleValue(), 2)
            + Math.pow(problem.bias.grad().data().norm2Number().doubleValue(), 2);
        assertEquals(Math.sqrt(gradSq), d.gradientNorm(), 1e-12);
        double updateSq = 0;
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < before[k].length; i++) {
                updateSq += Math.pow(after[k][i] - before[k][i], 2);
            }
        }
        assertEquals(Math.sqrt(updateSq), d.updateNorm(), 1e-12);
        boolean keepsVelocity = !(optimizer instanceof SGD);
        assertEquals(keepsVelocity, !Double.isNaN(d.velocityNorm()), name + ": velocity norm " + d.velocityNorm());
        optimizer.setDiagnostics(false);
        problem.step(optimizer);
        assertTrue(optimizer.diagnostics().isEmpty());
        assertTrue(optimizer.parameterDiagnostics().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.inertia.optim.OptimizerTable#valid")
    void perParameterDiagnosticsAreEachTensorsNormsAndTheGradientVelocityCosine(String name,
            Function<List<Tensor>, Optimizer> factory) {
        Problem problem = new Problem(6);
        Optimizer optimizer = factory.apply(problem.params());
        problem.step(optimizer);
        String buffer = optimizer.velocityBuffer();
        double[][] velocityBefore = new double[2][];
        for (int k = 0; k < 2 && buffer != null; k++) {
            var v = optimizer.state(problem.params().get(k)).get(buffer);
            velocityBefore[k] = v == null ? null : v.dup().data().asDouble();
        }
        double[][] before = problem.snapshot();
        optimizer.setDiagnostics(true);
        problem.step(optimizer);
        double[][] after = problem.snapshot();
        List<ParamDiagnostics> each = optimizer.parameterDiagnostics();
        assertEquals(2, each.size(), "one entry per parameter with a gradient");
        double gradSq = 0;
        for (int k = 0; k < 2; k++) {
            ParamDiagnostics d = each.get(k);
            Tensor p = problem.params().get(k);
            assertTrue(d.parameter() == p, "in group order");
            assertEquals(0, d.group());
            double[] g = p.grad().toDoubleArray();
            assertEquals(norm(before[k]), d.parameterNorm(), 1e-12, "‖θ‖ before the step");
            assertEquals(norm(g), d.gradientNorm(), 1e-12);
            double[] delta = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                delta[i] = after[k][i] - before[k][i];
            }
            assertEquals(norm(delta), d.updateNorm(), 1e-12);
            assertEquals(Math.log10(norm(delta) / norm(before[k])), d.log10UpdateRatio(), 1e-12);
            gradSq += d.gradientNorm() * d.gradientNorm();
            if (velocityBefore[k] == null) {
                assertTrue(Double.isNaN(d.alignment()), name + ": no velocity, no alignment");
            } else {
                double dot = 0;
                for (int i = 0; i < g.length; i++) {
                    dot += g[i] * velocityBefore[k][i];
                }
                assertEquals(dot / (norm(g) * norm(velocityBefore[k])), d.alignment(), 1e-12,
                    name + ": cos(g, v) with the velocity the step started from");
                assertTrue(d.alignment() >= -1 - 1e-12 && d.alignment() <= 1 + 1e-12);
            }
        }
        assertEquals(optimizer.diagnostics().get(0).gradientNorm(), Math.sqrt(gradSq), 1e-12,
            "the group's norm is its parameters' combined");
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.inertia.optim.OptimizerTable#valid")
    void loadingAMismatchedSnapshotChangesNothing(String name, Function<List<Tensor>, Optimizer> factory) {
        Problem problem = new Problem(7);
        Optimizer optimizer = factory.apply(problem.params());
        problem.step(optimizer);
        OptimizerState good = optimizer.stateDict();

        Tensor w = Tensor.zeros(DType.FLOAT64, 5, 3).requiresGrad(true);      // wrong shape
        Tensor b = Tensor.zeros(DType.FLOAT64, 3).requiresGrad(true);
        Optimizer other = factory.apply(List.of(w, b));
        OptimizerState before = other.stateDict();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.loadStateDict(good));
        assertTrue(e.getMessage().contains("[4, 3]") && e.getMessage().contains("[5, 3]"), e.getMessage());
        assertEquals(before.params().keySet(), other.stateDict().params().keySet());
        assertEquals(0, other.steps());

        Optimizer wrongKind = name.startsWith("sgd") ? new Adam(problem.params(), Adam.options())
            : new SGD(problem.params(), SGD.options());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> wrongKind.loadStateDict(good));
        assertTrue(kind.getMessage().contains("snapshot is from"), kind.getMessage());
        assertFalse(kind.getMessage().isBlank());
    }
}
