package org.inertia.nn.data;

import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch: inputs (float32, e.g. {@code [N, C, H, W]}) and int64 class labels {@code [N]} — or, from a
 * {@link TensorDataset}, targets of any dtype ({@link #targets()}).
 *
 * <p>A batch's arrays live in native memory, which the JVM's garbage collector does not see: left to
 * the collector, batches that survive a young collection pile up (hundreds of MB in a few seconds of
 * mlp training). Loops that own a batch close it when the step is done; a batch that is not closed is
 * still freed, only later.
 */
public record Batch(Tensor inputs, Tensor labels) implements AutoCloseable {
    /** The number of examples. */
    public long size() {
        return labels.shape()[0];
    }

    /** The targets: {@link #labels()} under its general name (regression targets of a {@code TensorDataset}). */
    public Tensor targets() {
        return labels;
    }

    /** Frees the native memory of both tensors now; they must not be used afterwards. */
    @Override
    public void close() {
        release(inputs.data());
        release(labels.data());
    }

    private static void release(INDArray a) {
        if (!a.wasClosed() && a.closeable()) {   // views and workspace arrays are not ours to free
            a.close();
        }
    }
}
