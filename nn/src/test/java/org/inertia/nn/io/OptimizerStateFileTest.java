package org.inertia.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Losses;
import org.inertia.nn.Sequential;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.ReLU;
import org.inertia.optim.Adam;
import org.inertia.optim.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Optimizer state on its own, in a file: training resumes exactly with the model's weights saved apart. */
class OptimizerStateFileTest {
    private static Sequential model() {
        return new Sequential(new Linear(Linear.options(3, 4).rng(new Rng(1))), new ReLU(),
            new Linear(Linear.options(4, 2).rng(new Rng(2))));
    }

    private static void steps(Sequential m, Optimizer opt, int n, long seed) {
        Rng rng = new Rng(seed);
        for (int i = 0; i < n; i++) {
            Tensor x = Tensor.normal(rng, 0, 1, 8, 3);
            Tensor y = Tensor.ofLongs(new long[] {0, 1, 1, 0, 1, 0, 0, 1});
            opt.zeroGrad();
            Losses.crossEntropy(m.call(x), y).backward();
            opt.step();
        }
    }

    @Test
    void savedStateResumesBitIdentically(@TempDir Path dir) throws IOException {
        Sequential a = model();
        Optimizer adamA = new Adam(a.parameters(), Adam.options().lr(0.01).amsgrad(true));
        steps(a, adamA, 5, 1);
        Path file = dir.resolve("adam.safetensors");
        OptimizerStateFile.save(file, adamA.stateDict());
        SafeTensors.write(dir.resolve("model.safetensors"), a.stateDict(), Map.of());
        steps(a, adamA, 5, 2);

        Sequential b = model();
        b.loadStateDict(SafeTensors.read(dir.resolve("model.safetensors")).tensors());
        Optimizer adamB = new Adam(b.parameters(), Adam.options());
        adamB.loadStateDict(OptimizerStateFile.load(file));
        assertEquals(0.01, adamB.paramGroups().get(0).lr(), 0, "hyperparameters come with the state");
        steps(b, adamB, 5, 2);
        for (int i = 0; i < a.parameters().size(); i++) {
            assertArrayEquals(a.parameters().get(i).toDoubleArray(), b.parameters().get(i).toDoubleArray(), 0);
        }
    }

    @Test
    void damagedOrForeignFilesAreRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("state.safetensors");
        Sequential m = model();
        Optimizer opt = new Adam(m.parameters(), Adam.options());
        steps(m, opt, 1, 1);
        OptimizerStateFile.save(file, opt.stateDict());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x40;
        Files.write(file, bytes);
        IOException corrupt = assertThrows(IOException.class, () -> OptimizerStateFile.load(file));
        assertTrue(corrupt.getMessage().contains(file.toString()), corrupt.getMessage());
        Path weights = dir.resolve("weights.safetensors");
        SafeTensors.write(weights, m.stateDict(), Map.of());
        IOException foreign = assertThrows(IOException.class, () -> OptimizerStateFile.load(weights));
        assertTrue(foreign.getMessage().contains("not an Inertia optimizer state"), foreign.getMessage());
    }
}
