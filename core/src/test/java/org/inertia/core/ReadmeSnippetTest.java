package org.inertia.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.inertia.core.ops.Losses;
import org.junit.jupiter.api.Test;

/** The "core at a glance" snippet of README.md, kept compiling and doing what it says. */
class ReadmeSnippetTest {
    @Test
    void coreAtAGlance() {
        Rng rng = new Rng(42);
        Tensor x = Tensor.uniform(rng, -1, 1, 64, 784);
        Tensor w = Tensor.normal(rng, 0, 0.05, 784, 10).requiresGrad(true);
        Tensor b = Tensor.zeros(10).requiresGrad(true);
        Tensor labels = Tensor.ofLongs(new long[64]);

        Tensor loss = Losses.crossEntropy(x.matmul(w).add(b), labels);
        loss.backward();
        try (NoGrad scope = NoGrad.enter()) {
            w.data().subi(w.grad().data().mul(0.1));
        }
        double after = Losses.crossEntropy(x.matmul(w).add(b), labels).item();
        assertTrue(after < loss.item(), "one gradient step lowers the loss: " + loss.item() + " -> " + after);
    }
}
