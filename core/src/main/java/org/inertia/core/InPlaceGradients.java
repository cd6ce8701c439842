package org.inertia.core;

import org.inertia.core.kernels.Native;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fast path's gradient writes, kept apart from the engine so that {@link Autograd} reads as the
 * algorithm. Two savings, both off under {@code -Dinertia.reference=true}:
 *
 * <ul>
 *   <li>A leaf's first gradient of a step is written by the op straight into the leaf's gradient buffer
 *       (ops whose backward is a {@link BackwardInto}: GEMMs, convolution, bias sums) instead of being
 *       computed into a new array and copied in: for a linear layer's weights that copy is a whole extra
 *       pass over the step's largest array (docs/performance.md, "What each change bought").</li>
 *   <li>Later gradients are added with one native call instead of an op object per call.</li>
 * </ul>
 */
final class InPlaceGradients {
    private final INDArray[] into;

    private InPlaceGradients(INDArray[] into) {
        this.into = into;
    }

    /**
     * The buffers {@code node}'s backward may write into, or null when it should just return new arrays
     * (fast paths off, or an op that cannot write in place). A leaf that is several inputs of one op gets
     * its buffer once: two gradients written into one buffer would overwrite each other.
     */
    static InPlaceGradients offer(Node node, Tensor[] inputs, boolean[] needsGrad) {
        if (!FastPaths.enabled() || !(node.backward() instanceof BackwardInto)) {
            return null;
        }
        INDArray[] into = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (needsGrad[i] && inputs[i].isLeaf() && !appearsBefore(inputs, i)) {
                into[i] = GradSink.destinationFor(inputs[i]).staleGradBuffer(inputs[i]);
            }
        }
        return new InPlaceGradients(into);
    }

    /** Runs {@code node}'s backward with the offered buffers. */
    INDArray[] apply(Node node, INDArray gradOutput, boolean[] needsGrad) {
        return ((BackwardInto) node.backward()).apply(gradOutput, needsGrad, into);
    }

    /**
     * Whether the backward wrote gradient {@code i} into the leaf's buffer (then it is marked as this
     * step's gradient, and must not be added again).
     */
    boolean written(int i, Tensor leaf, INDArray grad) {
        if (into[i] == null || grad != into[i]) {
            return false;
        }
        GradSink.destinationFor(leaf).gradWritten();
        return true;
    }

    /** grad ← grad + g as one native call with a reused op context ({@code grad.addi(g)} builds an op per call). */
    static void add(INDArray grad, INDArray g) {
        Native.exec("add", Native.in(grad, g), Native.out(grad), Native.ints());
    }

    private static boolean appearsBefore(Tensor[] inputs, int i) {
        for (int j = 0; j < i; j++) {
            if (inputs[j] == inputs[i]) {
                return true;
            }
        }
        return false;
    }
}
