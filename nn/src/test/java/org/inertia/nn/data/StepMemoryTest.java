package org.inertia.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.inertia.core.MemoryScope;
import org.inertia.core.NoGrad;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Losses;
import org.inertia.nn.Sequential;
import org.inertia.nn.layers.Flatten;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.ReLU;
import org.inertia.optim.Momentum;
import org.inertia.optim.Optimizer;
import org.junit.jupiter.api.Test;

/**
 * The data loader owns each batch's memory: everything a loop body computes is released when the loop
 * takes the next batch, and what must outlive a step (parameters, gradients, optimizer state, copies
 * made with keep()) does.
 */
class StepMemoryTest {
    private static Sequential model(long seed) {
        return new Sequential(new Flatten(), new Linear(Linear.options(6, 5).rng(new Rng(seed))), new ReLU(),
            new Linear(Linear.options(5, 3).rng(new Rng(seed + 1))));
    }

    @Test
    void whatALoopBodyComputesIsReleasedWhenTheLoopTakesTheNextBatch() {
        DataLoader loader = new DataLoader(DataLoaderTest.tiny(8), 4, false, 0);
        List<Tensor> kept = new ArrayList<>();
        List<Tensor> copies = new ArrayList<>();
        for (Batch b : loader) {
            Tensor doubled = b.inputs().mul(2);
            kept.add(doubled);
            copies.add(doubled.keep());
            assertEquals(b.inputs().sum().item() * 2, doubled.sum().item(), 1e-5, "usable inside its step");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.get(0).item());
        assertTrue(e.getMessage().contains("the output of 'mul' [4, 1, 2, 3]"), e.getMessage());
        assertTrue(e.getMessage().contains("the DataLoader moved on to the next batch"), e.getMessage());
        assertTrue(e.getMessage().contains("keep()"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> kept.get(1).toDoubleArray(), "the last step ends with the epoch");
        assertThrows(IllegalStateException.class, () -> kept.get(0).add(1), "ops refuse it too");
        assertEquals(2 * (0 + 1 + 2 + 3) * 6 / 255.0, copies.get(0).sum().item(), 1e-5, "keep() outlives the step");
        assertTrue(kept.get(0).toString().contains("released"), kept.get(0).toString());
    }

    @Test
    void theBatchItselfIsReleasedWithItsStep() {
        Batch[] first = new Batch[1];
        for (Batch b : new DataLoader(DataLoaderTest.tiny(8), 4, false, 0)) {
            first[0] = first[0] == null ? b : first[0];
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> first[0].inputs().data());
        assertTrue(e.getMessage().contains("a tensor [4, 1, 2, 3]"), e.getMessage());
    }

    /** Memory management changes no number: a loop with loader steps trains exactly as one without. */
    @Test
    void parametersGradientsAndOptimizerStateSurviveEverySteps() {
        ImageDataset data = DataLoaderTest.tiny(12);
        Sequential a = model(3);
        Optimizer optA = new Momentum(a.parameters(), Momentum.options().lr(0.1).momentum(0.9));
        DataLoader loader = new DataLoader(data, 4, true, 5);
        for (int epoch = 0; epoch < 3; epoch++) {
            for (Batch b : loader) {
                optA.zeroGrad();
                Losses.crossEntropy(a.call(b.inputs()), b.labels()).backward();
                optA.step();
            }
        }
        Sequential b = model(3);
        Optimizer optB = new Momentum(b.parameters(), Momentum.options().lr(0.1).momentum(0.9));
        DataLoader orders = new DataLoader(data, 4, true, 5);
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] order = orders.order(epoch);
            for (int from = 0; from < order.length; from += 4) {
                Batch batch = data.batch(java.util.Arrays.copyOfRange(order, from, from + 4), new Rng(0));
                optB.zeroGrad();
                Losses.crossEntropy(b.call(batch.inputs()), batch.labels()).backward();
                optB.step();
            }
        }
        for (int i = 0; i < a.parameters().size(); i++) {
            assertArrayEquals(b.parameters().get(i).toDoubleArray(), a.parameters().get(i).toDoubleArray(), 0);
            assertArrayEquals(b.parameters().get(i).grad().toDoubleArray(), a.parameters().get(i).grad().toDoubleArray(), 0);
        }
        assertEquals(optB.stateDict().params().keySet(), optA.stateDict().params().keySet());
    }

    @Test
    void aModelBuiltInsideAStepKeepsItsWeights() {
        Sequential[] built = new Sequential[1];
        for (Batch b : new DataLoader(DataLoaderTest.tiny(4), 4, false, 0)) {
            built[0] = model(9);
        }
        assertEquals(5 * 6, built[0].parameters().get(0).toDoubleArray().length);
        assertArrayEquals(model(9).parameters().get(0).toDoubleArray(), built[0].parameters().get(0).toDoubleArray(), 0);
    }

    /** An evaluation loop inside a training loop body: its steps come and go, the outer batch stays. */
    @Test
    void nestedLoopsReleaseTheirOwnSteps() {
        DataLoader outer = new DataLoader(DataLoaderTest.tiny(8), 4, false, 0);
        DataLoader inner = new DataLoader(DataLoaderTest.tiny(6), 2, false, 0);
        for (Batch b : outer) {
            List<Tensor> innerResults = new ArrayList<>();
            try (NoGrad g = NoGrad.enter()) {
                for (Batch e : inner) {
                    innerResults.add(e.inputs().mul(1));
                }
            }
            assertThrows(IllegalStateException.class, () -> innerResults.get(0).item());
            assertEquals(4, b.inputs().size(0), "the outer batch is still alive");
        }
    }

    /** After a break the step stays open until the loader runs again or is closed. */
    @Test
    void breakLeavesTheLastStepOpenUntilTheLoaderIsClosed() {
        DataLoader loader = new DataLoader(DataLoaderTest.tiny(8), 4, false, 0);
        Tensor kept = null;
        for (Batch b : loader) {
            kept = b.inputs().mul(3);
            break;
        }
        Tensor afterBreak = kept;
        assertEquals(4 * 6, afterBreak.toDoubleArray().length, "still open after the break");
        loader.close();
        assertThrows(IllegalStateException.class, afterBreak::item);
    }

    @Test
    void aScopeOfYourOwnReleasesItsTensors() {
        Tensor inside;
        try (MemoryScope step = MemoryScope.enter()) {
            inside = Tensor.of(new double[] {1, 2, 3}).mul(2);
            assertEquals(12, inside.sum().item(), 0);
        }
        Tensor released = inside;
        IllegalStateException e = assertThrows(IllegalStateException.class, released::item);
        assertTrue(e.getMessage().contains("its MemoryScope closed"), e.getMessage());
    }
}
