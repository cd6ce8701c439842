package org.inertia.examples;

import org.inertia.core.DType;
import org.inertia.core.NoGrad;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Losses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Placeholder default example until the examples issue lands: trains a tiny two-layer network on XOR
 * points with plain gradient descent, written out with the core tensors and autograd only.
 */
public final class XorDemo {
    private static final Logger LOG = LoggerFactory.getLogger(XorDemo.class);

    private XorDemo() {
    }

    public static void run() {
        Rng rng = new Rng(0);
        // 256 points in [-1, 1]²; the class is whether x and y have the same sign (XOR).
        Tensor points = Tensor.uniform(rng, -1, 1, 256, 2);
        float[] xy = points.toFloatArray();
        long[] labels = new long[256];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = xy[2 * i] * xy[2 * i + 1] > 0 ? 1 : 0;
        }
        Tensor y = Tensor.ofLongs(labels);

        Tensor w1 = Tensor.normal(rng, 0, 1, 2, 16).requiresGrad(true);
        Tensor b1 = Tensor.zeros(16).requiresGrad(true);
        Tensor w2 = Tensor.normal(rng, 0, 0.25, 16, 2).requiresGrad(true);
        Tensor b2 = Tensor.zeros(2).requiresGrad(true);
        Tensor[] params = {w1, b1, w2, b2};

        double lr = 0.5;
        for (int step = 0; step <= 500; step++) {
            Tensor logits = points.matmul(w1).add(b1).tanh().matmul(w2).add(b2);
            Tensor loss = Losses.crossEntropy(logits, y);
            for (Tensor p : params) {
                p.zeroGrad();
            }
            loss.backward();
            for (Tensor p : params) {
                p.data().subi(p.grad().data().mul(lr));   // θ ← θ − η ∇L
            }
            if (step % 100 == 0) {
                LOG.info("step {}  loss {}", step, String.format("%.4f", loss.item()));
            }
        }
        double accuracy = NoGrad.get(() -> {
            Tensor logits = points.matmul(w1).add(b1).tanh().matmul(w2).add(b2);
            Tensor predicted = Tensor.wrap(logits.data().argMax(1).castTo(DType.INT64.nd4j()));
            return Tensor.wrap(predicted.data().eq(y.data()).castTo(DType.FLOAT64.nd4j())).mean().item();
        });
        System.out.printf("XOR training accuracy: %.1f%%%n", 100 * accuracy);
    }
}
