package org.inertia.nn.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;
import org.inertia.core.DType;
import org.inertia.core.Rng;
import org.inertia.core.Shapes;
import org.inertia.core.Tensor;

/**
 * Examples held in memory as two tensors whose first axis indexes them, as PyTorch's
 * {@code TensorDataset}: inputs of any float shape {@code [N, ...]}, and targets {@code [N, ...]} of any
 * dtype — int64 class labels, or floats for regression.
 *
 * <pre>{@code
 * var data = new TensorDataset(x, y);                  // y: float targets [N, 1] for a regression
 * var labelled = new TensorDataset(x, labels, 3);      // labels: int64 [N] in [0, 3)
 * for (Batch b : new DataLoader(data, 32, true, 0)) { ... b.inputs() ... b.targets() ... }
 * }</pre>
 *
 * The tensors are copied out of any step, so the dataset lives as long as it is kept; batches are
 * gathered on the training thread, inside their step.
 */
public final class TensorDataset implements Dataset {
    private final Tensor inputs;
    private final Tensor targets;
    private final int classes;

    /** A dataset of {@code inputs} and {@code targets} (any dtype) without classes: {@link #classes()} refuses. */
    public TensorDataset(Tensor inputs, Tensor targets) {
        this(inputs, targets, 0, false);
    }

    /** A classification dataset: {@code targets} are int64 labels {@code [N]} in {@code [0, classes)}. */
    public TensorDataset(Tensor inputs, Tensor targets, int classes) {
        this(inputs, targets, classes, true);
    }

    private TensorDataset(Tensor inputs, Tensor targets, int classes, boolean classification) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        if (inputs.rank() == 0 || targets.rank() == 0) {
            throw new IllegalArgumentException("TensorDataset: inputs and targets need a first axis that indexes the "
                    + "examples, got " + Shapes.str(inputs.shape()) + " and " + Shapes.str(targets.shape()));
        }
        if (inputs.shape()[0] != targets.shape()[0]) {
            throw new IllegalArgumentException("TensorDataset: " + inputs.shape()[0] + " inputs " + Shapes.str(inputs.shape())
                    + " but " + targets.shape()[0] + " targets " + Shapes.str(targets.shape())
                    + "; the first axes must match");
        }
        if (!inputs.dtype().isFloating()) {
            throw new IllegalArgumentException("TensorDataset: inputs must be float32 or float64, got " + inputs.dtype());
        }
        if (inputs.shape()[0] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("TensorDataset: " + inputs.shape()[0] + " examples; at most "
                    + Integer.MAX_VALUE + " are supported");
        }
        if (classification) {
            if (classes < 1) {
                throw new IllegalArgumentException("TensorDataset: classes must be >= 1, got " + classes);
            }
            if (targets.dtype() != DType.INT64 || targets.rank() != 1) {
                throw new IllegalArgumentException("TensorDataset: class labels must be a 1-D int64 tensor, got "
                        + targets.dtype() + " " + Shapes.str(targets.shape()));
            }
            long[] y = targets.toLongArray();
            long lo = Arrays.stream(y).min().orElse(0);
            long hi = Arrays.stream(y).max().orElse(0);
            if (lo < 0 || hi >= classes) {
                throw new IllegalArgumentException("TensorDataset: labels must be in [0, " + classes + "), got values from "
                        + lo + " to " + hi);
            }
        }
        this.inputs = inputs.detach().keep();
        this.targets = targets.detach().keep();
        this.classes = classes;
    }

    @Override
    public int size() {
        return (int) inputs.shape()[0];
    }

    /** The examples at {@code indices} (rows of both tensors, gathered); {@code rng} is unused. */
    @Override
    public Batch batch(int[] indices, Rng rng) {
        long[] rows = new long[indices.length];
        for (int i = 0; i < rows.length; i++) {
            if (indices[i] < 0 || indices[i] >= size()) {
                throw new IndexOutOfBoundsException("TensorDataset: example " + indices[i] + " is outside [0, " + size()
                        + ")");
            }
            rows[i] = indices[i];
        }
        Tensor index = Tensor.of(rows);
        return new Batch(inputs.indexSelect(index), targets.indexSelect(index));
    }

    /** Gathering is one native call per tensor: done on the training thread, inside the batch's step. */
    @Override
    public Supplier<Batch> prepare(int[] indices, Rng rng) {
        int[] copy = indices.clone();
        return () -> batch(copy, rng);
    }

    /** The number of classes of a classification dataset. */
    @Override
    public int classes() {
        if (classes == 0) {
            throw new UnsupportedOperationException("TensorDataset: this dataset has no classes (its targets are "
                    + targets.dtype() + " " + Shapes.str(targets.shape()) + "); build it with new TensorDataset(inputs, "
                    + "labels, classes) for classification");
        }
        return classes;
    }

    @Override
    public String toString() {
        return "TensorDataset (" + size() + " examples, inputs " + Shapes.str(inputs.shape()) + " " + inputs.dtype()
                + ", targets " + Shapes.str(targets.shape()) + " " + targets.dtype() + ")";
    }
}
