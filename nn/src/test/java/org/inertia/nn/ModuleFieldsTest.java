package org.inertia.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.inertia.core.DType;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.nn.layers.BatchNorm1d;
import org.inertia.nn.layers.Linear;
import org.junit.jupiter.api.Test;

/** Modules written as PyTorch users write them: children and parameters as fields. */
class ModuleFieldsTest {
    static class Block extends Module {
        final Linear fc1 = new Linear(Linear.options(4, 4).rng(new Rng(1)));
        final Linear fc2 = new Linear(Linear.options(4, 4).rng(new Rng(2)));
        final Parameter scale = new Parameter(org.nd4j.linalg.factory.Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1));

        @Override
        public Tensor forward(Tensor x) {
            return x.add(fc2.call(fc1.call(x).relu()).mul(scale));
        }
    }

    static class Net extends Module {
        final Linear stem = new Linear(Linear.options(6, 4).rng(new Rng(3)));
        final Block block = new Block();
        final Linear head = registerModule("classifier", new Linear(Linear.options(4, 2).rng(new Rng(4))));
        transient Linear notPartOfTheModel = new Linear(2, 2);
        static Linear shared = new Linear(2, 2);

        @Override
        public Tensor forward(Tensor x) {
            return head.call(block.call(stem.call(x)));
        }
    }

    @Test
    void fieldsAreRegisteredUnderTheirNamesInDeclarationOrder() {
        Net net = new Net();
        assertEquals(List.of("classifier.weight", "classifier.bias", "stem.weight", "stem.bias", "block.scale",
            "block.fc1.weight", "block.fc1.bias", "block.fc2.weight", "block.fc2.bias"),
            List.copyOf(net.namedParameters().keySet()), "explicit registrations first, then fields in order");
        assertEquals(List.of("classifier", "stem", "block"), List.copyOf(net.children().keySet()));
        assertEquals(9, net.parameters().size(), "transient and static fields are left out");
        assertSame(net.stem.weight(), net.namedParameters().get("stem.weight"));
    }

    @Test
    void aFieldModuleTrainsAndSavesLikeARegisteredOne() {
        Net net = new Net();
        Tensor x = Tensor.randn(3, 6);
        net.call(x).sum().backward();
        assertTrue(net.block.fc1.weight().grad() != null, "a field child's parameters get gradients");
        Map<String, Tensor> state = net.stateDict();
        Net other = new Net();
        other.loadStateDict(state);
        assertArrayEquals(net.call(x).toDoubleArray(), other.call(x).toDoubleArray(), 0);
    }

    @Test
    void summarySeesFieldChildrenAndRefusesChildrenRunWithForward() {
        assertTrue(new Net().summary(2, 6).contains("block.fc2"), new Net().summary(2, 6));
        Module sneaky = new Module() {
            final Linear a = new Linear(3, 3);
            final Linear b = new Linear(3, 3);

            @Override
            public Tensor forward(Tensor x) {
                return b.call(a.forward(x));
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sneaky.summary(1, 3));
        assertTrue(e.getMessage().startsWith("summary: a (Linear) did not run through call()"), e.getMessage());
        assertTrue(e.getMessage().contains("child.call(x)"), e.getMessage());
    }

    @Test
    void nonStrictLoadingReturnsWhatItLeftOut() {
        Net net = new Net();
        Map<String, Tensor> backbone = new java.util.LinkedHashMap<>(new Net().stateDict());
        backbone.remove("classifier.weight");
        backbone.remove("classifier.bias");
        backbone.put("old_head.weight", Tensor.zeros(2, 4));
        Module.LoadResult r = net.loadStateDict(backbone, false);
        assertEquals(List.of("classifier.weight", "classifier.bias"), r.missing());
        assertEquals(List.of("old_head.weight"), r.unexpected());
        assertArrayEquals(backbone.get("stem.weight").toDoubleArray(), net.stem.weight().toDoubleArray(), 0);
        IllegalArgumentException strict = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(backbone));
        assertEquals("loadStateDict: missing 'classifier.weight'; missing 'classifier.bias'; unexpected 'old_head.weight'",
            strict.getMessage());
        backbone.put("stem.weight", Tensor.zeros(5, 5));
        double before = net.block.fc1.weight().sum().item();
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
            () -> net.loadStateDict(backbone, false));
        assertEquals("loadStateDict: 'stem.weight' has shape [5, 5], expected [4, 6]", shape.getMessage());
        assertEquals(before, net.block.fc1.weight().sum().item(), 0, "a refused load changes nothing");
    }

    @Test
    void toConvertsParametersAndFloatingBuffersInPlace() {
        Module model = new Sequential(new Linear(3, 2), new BatchNorm1d(2));
        Parameter w = model.parameters().get(0);
        double[] before = w.toDoubleArray();
        assertSame(model, model.to(DType.FLOAT64));
        assertSame(w, model.parameters().get(0), "the same parameter objects: optimizers follow");
        assertEquals(DType.FLOAT64, w.dtype());
        assertArrayEquals(before, w.toDoubleArray(), 0);
        assertEquals(DType.FLOAT64, model.stateDict().get("1.running_mean").dtype());
        assertEquals(DType.INT64, model.stateDict().get("1.num_batches_tracked").dtype());
        Tensor y = model.call(Tensor.randn(DType.FLOAT64, 4, 3));
        assertEquals(DType.FLOAT64, y.dtype());
        assertThrows(IllegalArgumentException.class, () -> model.to(DType.INT64));
    }
}
