package org.inertia.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.inertia.core.DType;
import org.inertia.core.GradCheck;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Window2d;
import org.inertia.nn.layers.AvgPool2d;
import org.inertia.nn.layers.BatchNorm;
import org.inertia.nn.layers.BatchNorm1d;
import org.inertia.nn.layers.BatchNorm2d;
import org.inertia.nn.layers.Conv2d;
import org.inertia.nn.layers.Dropout;
import org.inertia.nn.layers.Flatten;
import org.inertia.nn.layers.GELU;
import org.inertia.nn.layers.LeakyReLU;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.LogSoftmax;
import org.inertia.nn.layers.MaxPool2d;
import org.inertia.nn.layers.ReLU;
import org.inertia.nn.layers.Sigmoid;
import org.inertia.nn.layers.Softmax;
import org.inertia.nn.layers.Tanh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LayerTest {
    private static final DType F64 = DType.FLOAT64;

    private static Tensor input(long... shape) {
        return Tensor.uniform(F64, new Rng(7), -1, 1, shape).requiresGrad(true);
    }

    /** Layer, input shape, expected output shape. */
    static Stream<Arguments> layers() {
        Rng rng = new Rng(3);
        return Stream.of(
            Arguments.of("Linear", new Linear(Linear.options(5, 3).dtype(F64).rng(rng)), new long[] {4, 5}, new long[] {4, 3}),
            Arguments.of("Linear no bias", new Linear(Linear.options(5, 3).dtype(F64).rng(rng).bias(false)),
                new long[] {4, 5}, new long[] {4, 3}),
            Arguments.of("Conv2d pad 1", new Conv2d(Conv2d.options(2, 3, 3).padding(1).dtype(F64).rng(rng)),
                new long[] {2, 2, 5, 5}, new long[] {2, 3, 5, 5}),
            Arguments.of("Conv2d stride 2 dilation 2", new Conv2d(Conv2d.options(2, 3, 3).stride(2).dilation(2).dtype(F64)
                .rng(rng)), new long[] {2, 2, 9, 9}, new long[] {2, 3, 3, 3}),
            Arguments.of("BatchNorm1d", new BatchNorm1d(BatchNorm.options(5).dtype(F64)), new long[] {6, 5}, new long[] {6, 5}),
            Arguments.of("BatchNorm1d 3-D", new BatchNorm1d(BatchNorm.options(3).dtype(F64)), new long[] {4, 3, 5},
                new long[] {4, 3, 5}),
            Arguments.of("BatchNorm2d", new BatchNorm2d(BatchNorm.options(3).dtype(F64)), new long[] {2, 3, 4, 4},
                new long[] {2, 3, 4, 4}),
            Arguments.of("MaxPool2d", new MaxPool2d(2), new long[] {2, 3, 6, 4}, new long[] {2, 3, 3, 2}),
            Arguments.of("AvgPool2d", new AvgPool2d(2), new long[] {2, 3, 6, 4}, new long[] {2, 3, 3, 2}),
            Arguments.of("AvgPool2d stride 1 pad 1", new AvgPool2d(Window2d.square(3, 1, 1, 1), true),
                new long[] {1, 2, 4, 4}, new long[] {1, 2, 4, 4}),
            Arguments.of("Dropout", new Dropout(0.3, new Rng(1)), new long[] {4, 6}, new long[] {4, 6}),
            Arguments.of("Flatten", new Flatten(), new long[] {2, 3, 4, 5}, new long[] {2, 60}),
            Arguments.of("ReLU", new ReLU(), new long[] {3, 4}, new long[] {3, 4}),
            Arguments.of("LeakyReLU", new LeakyReLU(0.2), new long[] {3, 4}, new long[] {3, 4}),
            Arguments.of("Tanh", new Tanh(), new long[] {3, 4}, new long[] {3, 4}),
            Arguments.of("Sigmoid", new Sigmoid(), new long[] {3, 4}, new long[] {3, 4}),
            Arguments.of("GELU", new GELU(), new long[] {3, 4}, new long[] {3, 4}),
            Arguments.of("Softmax", new Softmax(1), new long[] {3, 4}, new long[] {3, 4}),
            Arguments.of("LogSoftmax", new LogSoftmax(), new long[] {3, 4}, new long[] {3, 4}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void outputShape(String name, Module layer, long[] in, long[] out) {
        assertArrayEquals(out, layer.forward(input(in)).shape(), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void gradientsOfInputAndParametersMatchFiniteDifferences(String name, Module layer, long[] in, long[] out) {
        Tensor x = input(in);
        if (name.contains("ReLU")) {
            x = Tensor.wrap(x.data().add(org.nd4j.linalg.ops.transforms.Transforms.sign(x.data(), true).muli(0.1)))
                .requiresGrad(true);      // keep away from the kink at 0
        }
        Tensor input = x;
        List<Tensor> leaves = new ArrayList<>(layer.parameters());
        leaves.add(0, input);
        Supplier<Tensor> forward = () -> layer.forward(input);
        if (layer instanceof Dropout) {
            // Finite differences need the same mask on every call: rewind the mask generator each time.
            Rng fixed = new Rng(11);
            Rng.State start = fixed.state();
            Dropout d = new Dropout(0.3, fixed);
            forward = () -> {
                fixed.restore(start);
                return d.forward(input);
            };
        }
        GradCheck.checkLeaves(name, forward, leaves.toArray(Tensor[]::new)).assertWithin(1e-6);
    }

    @Test
    void sequentialNamesParametersAndBuffersLikePyTorch() {
        Sequential model = new Sequential(new Conv2d(1, 4, 3), new BatchNorm2d(4), new ReLU(), new Flatten(),
            new Linear(4 * 26 * 26, 10));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias"),
            List.copyOf(model.namedParameters().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
            "1.num_batches_tracked", "4.weight", "4.bias"), List.copyOf(model.stateDict().keySet()));
        assertArrayEquals(new long[] {4, 1, 3, 3}, model.namedParameters().get("0.weight").shape());
        assertArrayEquals(new long[] {10, 2704}, model.namedParameters().get("4.weight").shape());
        assertEquals(DType.INT64, model.stateDict().get("1.num_batches_tracked").dtype());
        assertEquals(36 + 4 + 4 + 4 + 27040 + 10, model.parameterCount());
        assertSame(model.get(4), model.namedModules().get("4"));
    }

    @Test
    void nestedModulesGetDottedNames() {
        class Block extends Module {
            final Sequential features = registerModule("features", new Sequential(new Linear(3, 3), new ReLU()));
            final Linear head = registerModule("head", new Linear(3, 2));

            @Override
            public Tensor forward(Tensor x) {
                return head.call(features.call(x));
            }
        }
        Block b = new Block();
        assertEquals(List.of("features.0.weight", "features.0.bias", "head.weight", "head.bias"),
            List.copyOf(b.namedParameters().keySet()));
        assertArrayEquals(new long[] {5, 2}, b.forward(Tensor.zeros(5, 3)).shape());
    }

    @Test
    void defaultInitialisationIsPyTorchs() {
        Linear linear = new Linear(Linear.options(400, 300).rng(new Rng(1)));
        double bound = 1 / Math.sqrt(400);
        assertTrue(linear.weight().abs().max().item() <= bound);
        assertTrue(linear.weight().abs().max().item() > 0.95 * bound, "fills the whole range");
        assertEquals(bound * bound / 3, linear.weight().pow(2.0).mean().item(), 0.05 * bound * bound / 3);
        assertTrue(linear.bias().abs().max().item() <= bound);
        Conv2d conv = new Conv2d(Conv2d.options(6, 16, 5).rng(new Rng(2)));
        assertTrue(conv.weight().abs().max().item() <= 1 / Math.sqrt(6 * 25));
    }

    @Test
    void initFunctions() {
        Rng rng = new Rng(5);
        Tensor w = Parameter.zeros(F64, 300, 200);
        Init.xavierUniform(w, 1, rng);
        double a = Math.sqrt(6.0 / 500);
        assertTrue(w.abs().max().item() <= a && w.abs().max().item() > 0.95 * a);
        Init.kaimingNormal(w, 0, Init.FanMode.FAN_IN, Init.Nonlinearity.RELU, rng);
        assertEquals(2.0 / 200, w.pow(2.0).mean().item(), 0.05 * 2.0 / 200);
        Init.xavierNormal(w, 1, rng);
        assertEquals(2.0 / 500, w.pow(2.0).mean().item(), 0.05 * 2.0 / 500);
        Init.kaimingUniform(w, 0, Init.FanMode.FAN_OUT, Init.Nonlinearity.RELU, rng);
        assertTrue(w.abs().max().item() <= Math.sqrt(2) * Math.sqrt(3.0 / 300));
        Init.constant(w, 0.5);
        assertEquals(0.5, w.mean().item());
        Init.zeros(w);
        assertEquals(0, w.abs().max().item());
        assertEquals(5.0 / 3, Init.gain(Init.Nonlinearity.TANH, 0), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Init.fans(Parameter.zeros(F64, 3)));
    }

    @Test
    void theSameSeedBuildsTheSameModel() {
        Init.manualSeed(42);
        Sequential a = new Sequential(new Linear(4, 3), new Dropout(0.5), new Linear(3, 2));
        Init.manualSeed(42);
        Sequential b = new Sequential(new Linear(4, 3), new Dropout(0.5), new Linear(3, 2));
        a.stateDict().forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), b.stateDict().get(k).toDoubleArray(), k));
        Tensor x = Tensor.ones(8, 4);
        assertArrayEquals(a.forward(x).toDoubleArray(), b.forward(x).toDoubleArray(), "same dropout masks too");
    }

    @Test
    void trainAndEvalReachEveryModule() {
        Sequential model = new Sequential(new Linear(3, 3), new Sequential(new Dropout(0.5), new BatchNorm1d(3)));
        model.eval();
        model.namedModules().values().forEach(m -> assertFalse(m.isTraining(), m.toString()));
        model.train();
        model.namedModules().values().forEach(m -> assertTrue(m.isTraining(), m.toString()));
        Tensor x = Tensor.ones(4, 3);
        Dropout d = new Dropout(0.9, new Rng(1));
        d.eval();
        assertSame(x, d.forward(x), "dropout is the identity in eval mode");
    }

    @Test
    void summaryListsLayersShapesAndParameters() {
        Sequential model = new Sequential(new Conv2d(1, 6, 5, 2), new ReLU(), new MaxPool2d(2), new Flatten(),
            new Linear(6 * 14 * 14, 10));
        String s = model.summary(1, 1, 28, 28);
        assertTrue(s.contains("Conv2d") && s.contains("[1, 6, 28, 28]") && s.contains("156"), s);
        assertTrue(s.contains("MaxPool2d") && s.contains("[1, 6, 14, 14]"), s);
        assertTrue(s.contains("[1, 1176]") && s.contains("11,770"), s);
        assertTrue(s.contains("Total parameters: 11,926"), s);
        assertTrue(model.isTraining(), "summary restores the mode");
    }

    @Test
    void badConstructionAndInputAreRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> new Linear(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(BatchNorm.options(3).momentum(2)));
        String linear = assertThrows(IllegalArgumentException.class, () -> new Linear(5, 3).forward(Tensor.zeros(2, 4)))
            .getMessage();
        assertTrue(linear.contains("[2, 4]") && linear.contains("[3, 5]"), linear);
        String bn = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).forward(Tensor.zeros(2, 4, 5, 5)))
            .getMessage();
        assertTrue(bn.contains("BatchNorm2d") && bn.contains("[2, 4, 5, 5]"), bn);
        String dup = assertThrows(IllegalArgumentException.class, () -> new Module() {
            {
                registerParameter("w", Parameter.zeros(F64, 1));
                registerParameter("w", Parameter.zeros(F64, 1));
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }).getMessage();
        assertTrue(dup.contains("already registered"), dup);
    }
}
