package org.inertia.core;

import static org.inertia.core.TestTensors.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** How the graph is recorded, walked, accumulated into and released. */
class AutogradTest {

    private static Tensor leaf(double... values) {
        return f64(values, values.length).requiresGrad(true);
    }

    private static double[] grad(Tensor t) {
        return t.grad().toDoubleArray();
    }

    @Test
    void sharedSubExpressionsSumTheirGradients() {
        Tensor x = leaf(1, 2, 3);
        Tensor y = x.mul(x).add(x).sum();          // d/dx (x² + x) = 2x + 1
        y.backward();
        assertArrayEquals(new double[] {3, 5, 7}, grad(x), 1e-12);

        Tensor z = leaf(0.5);
        Tensor a = z.exp();                         // diamond: a used twice
        a.add(a.mul(a)).sum().backward();           // d/dz (e^z + e^2z) = e^z + 2e^2z
        assertEquals(Math.exp(0.5) + 2 * Math.exp(1), grad(z)[0], 1e-12);
    }

    @Test
    void theWalkThroughInDocsAutogradMd() {
        Tensor x = Tensor.of(DType.FLOAT64, new double[] {1, 2, 3}).requiresGrad(true);
        Tensor w = Tensor.of(DType.FLOAT64, new double[] {4, 5, 6}).requiresGrad(true);
        Tensor y = x.mul(w).add(x).sum();
        assertEquals(java.util.List.of("mul", "add", "sum"),
            Autograd.topologicalOrder(y).stream().map(Tensor::gradFnName).toList());
        y.backward();
        assertArrayEquals(new double[] {5, 6, 7}, grad(x), 1e-12);
        assertArrayEquals(new double[] {1, 2, 3}, grad(w), 1e-12);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroGrad() {
        Tensor x = leaf(1, 2);
        x.mul(3).sum().backward();
        x.mul(x).sum().backward();
        assertArrayEquals(new double[] {3 + 2, 3 + 4}, grad(x), 1e-12);
        x.zeroGrad();
        assertNull(x.grad(), "after zeroGrad there is no gradient");
        x.mul(5).sum().backward();
        assertArrayEquals(new double[] {5, 5}, grad(x), 1e-12, "the kept buffer is overwritten, not added to");
    }

    @Test
    void explicitUpstreamGradient() {
        Tensor x = leaf(1, 2, 3);
        Tensor y = x.mul(2);
        y.backward(f64(new double[] {1, 10, 100}, 3));
        assertArrayEquals(new double[] {2, 20, 200}, grad(x), 1e-12);
    }

    @Test
    void backwardOfALeafIsItsSeed() {
        Tensor x = leaf(4);
        x.backward();
        assertArrayEquals(new double[] {1}, grad(x));
    }

    @Test
    void retainGraphAllowsASecondPassAndReleaseRefusesAThird() {
        Tensor x = leaf(2);
        Tensor y = x.pow(3.0).sum();
        y.backward(true);
        assertFalse(y.gradFn().isReleased(), "retainGraph keeps the graph");
        y.backward();
        assertTrue(y.gradFn().isReleased(), "without retainGraph the graph lets go of inputs and saved arrays");
        assertArrayEquals(new double[] {2 * 12}, grad(x), 1e-12);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("already freed") && e.getMessage().contains("retainGraph"), e.getMessage());
    }

    @Test
    void noGradScopeRecordsNothingAndRestoresTheMode() {
        Tensor x = leaf(1, 2);
        try (NoGrad outer = NoGrad.enter()) {
            Tensor y = x.mul(2);
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
            try (NoGrad inner = NoGrad.enter()) {
                assertFalse(GradMode.isEnabled());
            }
            assertFalse(GradMode.isEnabled(), "closing the inner scope keeps the outer one");
        }
        assertTrue(GradMode.isEnabled());
        assertTrue(x.mul(2).requiresGrad());
        assertEquals(6.0, NoGrad.get(() -> x.sum().mul(2).item()));
    }

    @Test
    void noGradIsPerThread() throws InterruptedException {
        AtomicBoolean otherThreadRecords = new AtomicBoolean();
        Tensor x = leaf(1);
        try (NoGrad scope = NoGrad.enter()) {
            Thread t = new Thread(() -> otherThreadRecords.set(x.mul(2).requiresGrad()));
            t.start();
            t.join();
        }
        assertTrue(otherThreadRecords.get(), "a NoGrad scope on one thread must not affect another");
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = leaf(3);
        Tensor d = x.mul(2).detach();
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        x.mul(d).sum().backward();                 // d is a constant 6
        assertArrayEquals(new double[] {6}, grad(x), 1e-12);
    }

    @Test
    void onlyLeavesWithRequiresGradReceiveGradients() {
        Tensor x = leaf(1, 2);
        Tensor c = f64(new double[] {5, 6}, 2);
        x.mul(c).sum().backward();
        assertNull(c.grad());
        assertArrayEquals(new double[] {5, 6}, grad(x), 1e-12);
    }

    @Test
    void deepGraphsDoNotOverflowTheStack() {
        Tensor x = leaf(1);
        Tensor y = x;
        for (int i = 0; i < 20_000; i++) {
            y = y.add(1e-4);
        }
        y.sum().backward();
        assertArrayEquals(new double[] {1}, grad(x), 1e-12);
    }

    @Test
    void float32GradientsOfACastComeBackAsFloat32() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        x.to(DType.FLOAT64).mul(3).sum().backward();
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertArrayEquals(new float[] {3, 3}, x.grad().toFloatArray());
    }

    // ------------------------------------------------------------ errors that say what is wrong

    private static String message(Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable call) {
        return assertThrows(type, call).getMessage();
    }

    @Test
    void backwardOnANonScalarWithoutAGradientSaysHowToFixIt() {
        Tensor y = leaf(1, 2).mul(2);
        String m = message(IllegalStateException.class, y::backward);
        assertTrue(m.contains("[2]") && m.contains("one-element") && m.contains("backward(gradient)"), m);
    }

    @Test
    void backwardWithoutAnythingToDifferentiateSaysWhy() {
        Tensor y = f64(new double[] {1}, 1).mul(2);
        String m = message(IllegalStateException.class, y::backward);
        assertTrue(m.contains("does not require grad") && m.contains("requiresGrad(true)"), m);
        Tensor z = NoGrad.get(() -> leaf(1).mul(2));
        assertTrue(message(IllegalStateException.class, z::backward).contains("NoGrad"));
    }

    @Test
    void backwardWithAWrongGradientShapeNamesBothShapes() {
        Tensor y = leaf(1, 2).mul(2);
        String m = message(IllegalArgumentException.class, () -> y.backward(f64(new double[] {1, 2, 3}, 3)));
        assertTrue(m.contains("[3]") && m.contains("[2]"), m);
    }

    @Test
    void shapeErrorsNameTheOpAndBothShapes() {
        Tensor a = Tensor.zeros(3, 4);
        String add = message(IllegalArgumentException.class, () -> a.add(Tensor.zeros(5)));
        assertTrue(add.startsWith("add:") && add.contains("[3, 4]") && add.contains("[5]"), add);
        String mul = message(IllegalArgumentException.class, () -> a.mul(Tensor.zeros(2, 4)));
        assertTrue(mul.startsWith("mul:") && mul.contains("[3, 4]") && mul.contains("[2, 4]"), mul);
        String mm = message(IllegalArgumentException.class, () -> a.matmul(Tensor.zeros(5, 6)));
        assertTrue(mm.startsWith("matmul:") && mm.contains("[3, 4]") && mm.contains("[5, 6]"), mm);
        String batched = message(IllegalArgumentException.class, () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)));
        assertTrue(batched.contains("batch") && batched.contains("[2, 3, 4]") && batched.contains("[3, 4, 5]"), batched);
        String reshape = message(IllegalArgumentException.class, () -> a.reshape(5, -1));
        assertTrue(reshape.startsWith("reshape:") && reshape.contains("[3, 4]") && reshape.contains("[5, -1]"), reshape);
        String concat = message(IllegalArgumentException.class, () -> Tensor.concat(0, a, Tensor.zeros(2, 5)));
        assertTrue(concat.startsWith("concat:") && concat.contains("[3, 4]") && concat.contains("[2, 5]"), concat);
        String conv = message(IllegalArgumentException.class, () -> org.inertia.core.ops.Convolution.conv2d(
            Tensor.zeros(2, 3, 8, 8), Tensor.zeros(4, 2, 3, 3), null, org.inertia.core.ops.Window2d.square(3, 1, 0, 1)));
        assertTrue(conv.startsWith("conv2d:") && conv.contains("[2, 3, 8, 8]") && conv.contains("[4, 2, 3, 3]"), conv);
        String axis = message(IllegalArgumentException.class, () -> a.sum(2));
        assertTrue(axis.startsWith("sum:") && axis.contains("axis 2"), axis);
        String mse = message(IllegalArgumentException.class, () -> org.inertia.core.ops.Losses.mse(a, Tensor.zeros(4, 3)));
        assertTrue(mse.startsWith("mse:") && mse.contains("[3, 4]") && mse.contains("[4, 3]"), mse);
    }

    @Test
    void mixingFloat32AndFloat64RefusesAndSaysWhatToCall() {
        Tensor f = Tensor.zeros(2);
        Tensor d = Tensor.zeros(DType.FLOAT64, 2);
        String m = message(IllegalArgumentException.class, () -> f.add(d));
        assertTrue(m.contains("float32") && m.contains("float64") && m.contains(".to(DType.FLOAT64)"), m);
        assertEquals(DType.FLOAT64, f.to(DType.FLOAT64).add(d).dtype());
    }

    @Test
    void labelErrorsSayWhatWasExpected() {
        Tensor logits = Tensor.zeros(2, 3);
        String range = message(IllegalArgumentException.class,
            () -> org.inertia.core.ops.Losses.crossEntropy(logits, Tensor.ofLongs(0, 3)));
        assertTrue(range.contains("[0, 3)") && range.contains("0 to 3"), range);
        String count = message(IllegalArgumentException.class,
            () -> org.inertia.core.ops.Losses.crossEntropy(logits, Tensor.ofLongs(0, 1, 2)));
        assertTrue(count.contains("3 labels") && count.contains("batch of 2"), count);
        String type = message(IllegalArgumentException.class,
            () -> org.inertia.core.ops.Losses.crossEntropy(logits, Tensor.zeros(2)));
        assertTrue(type.contains("int64"), type);
    }

    @Test
    void requiresGradRules() {
        Tensor y = leaf(1).mul(2);
        assertTrue(message(IllegalStateException.class, () -> y.requiresGrad(false)).contains("leaf"));
        assertTrue(message(IllegalArgumentException.class, () -> Tensor.ofLongs(1, 2).requiresGrad(true))
            .contains("int64"));
        assertTrue(message(IllegalStateException.class, () -> Tensor.zeros(2).item()).contains("exactly one"));
    }

    @Test
    void gradCheckReportsTheWorstElementAndFailsLoudly() {
        // An op with a deliberately wrong backward (d/dx x² claimed to be x): the report must name it.
        java.util.function.Function<Tensor[], Tensor> wrong = in -> Tensor.fromOp("wrongSquare",
            in[0].data().mul(in[0].data()), (g, needs) -> new org.nd4j.linalg.api.ndarray.INDArray[] {
                g.mul(in[0].data())}, in[0]);
        GradCheck.Report report = GradCheck.check("wrongSquare", wrong, f64(new double[] {1, 2, 3}, 3));
        assertTrue(report.error(0) > 0.1);
        AssertionError e = assertThrows(AssertionError.class, () -> report.assertWithin(1e-6));
        assertTrue(e.getMessage().contains("wrongSquare") && e.getMessage().contains("input 0")
            && e.getMessage().contains("analytic") && e.getMessage().contains("numeric"), e.getMessage());
        assertTrue(message(IllegalArgumentException.class, () -> GradCheck.check("f32", in -> in[0].mul(2),
            Tensor.zeros(2))).contains("float64"));
    }
}
