package org.inertia.nn.data;

import org.inertia.core.Tensor;

/** A batch: inputs (float32, e.g. {@code [N, C, H, W]}) and int64 class labels {@code [N]}. */
public record Batch(Tensor inputs, Tensor labels) {
    public long size() {
        return labels.shape()[0];
    }
}
