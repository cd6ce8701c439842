package org.inertia.core.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Undoing broadcasting in backward passes.
 *
 * <p>If an operand of shape {@code [4]} was broadcast to {@code [3, 4]}, each of its elements was
 * used three times, so its gradient is the upstream gradient summed over the broadcast axis. Public
 * for ops written outside the library with {@code Tensor.fromOp}, whose backward needs the same.
 */
public final class Broadcast {
    private Broadcast() {
    }

    /**
     * {@code x} repeated along its size-1 (and missing leading) axes to {@code shape}, as a new dense array;
     * {@code x} itself when it already has that shape.
     */
    public static INDArray to(INDArray x, long[] shape) {
        if (Arrays.equals(x.shape(), shape)) {
            return x;
        }
        if (x.rank() < shape.length) {
            long[] padded = new long[shape.length];
            Arrays.fill(padded, 1);
            System.arraycopy(x.shape(), 0, padded, shape.length - x.rank(), x.rank());
            x = x.reshape(padded);
        }
        return org.nd4j.linalg.factory.Nd4j.zeros(x.dataType(), shape).addi(x);
    }

    /**
     * Sums {@code grad} over the axes along which an operand of {@code shape} was broadcast: the axes it
     * did not have, and its size-1 axes that were stretched. Returns {@code grad} itself when nothing was.
     */
    public static INDArray reduceTo(INDArray grad, long[] shape) {
        long[] gradShape = grad.shape();
        if (Arrays.equals(gradShape, shape)) {
            return grad;
        }
        int lead = gradShape.length - shape.length;
        int[] axes = new int[gradShape.length];
        int count = 0;
        for (int i = 0; i < gradShape.length; i++) {
            boolean added = i < lead;                       // axis the operand did not have
            boolean stretched = !added && shape[i - lead] == 1 && gradShape[i] != 1; // size-1 axis repeated
            if (added || stretched) {
                axes[count++] = i;
            }
        }
        INDArray summed = count == 0 ? grad : grad.sum(true, Arrays.copyOf(axes, count));
        return summed.reshape('c', shape);
    }
}
