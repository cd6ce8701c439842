package org.inertia.nn;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.inertia.core.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The rows [lo, hi) of a batch of {@code batch} rows that the current thread is running, while a batch
 * is split across threads ({@link org.inertia.nn.train.steps.DataParallel}).
 *
 * <p>Why layers need to know: a layer that draws random numbers (dropout) must draw the same numbers
 * for each example whether the batch runs whole or in slices, or the run would depend on the number of
 * cores. Such a layer draws for the <em>whole</em> batch, from its random stream as it stood when the
 * batch began ({@link #stream}), and keeps its slice's rows ({@link #rows}). Every slice then sees
 * exactly the masks one whole-batch pass would have drawn, and the layer's own stream ends where that
 * pass would have left it (the first slice, on the calling thread, draws from it; the others from
 * copies).
 */
public final class BatchSlice {
    private static final ThreadLocal<BatchSlice> CURRENT = new ThreadLocal<>();

    private final long lo;
    private final long hi;
    private final long batch;
    private final Map<Rng, Rng> streams;

    /**
     * @param streams for each of the model's random sources, the generator this slice draws from instead
     *                (a copy positioned where the source stood when the batch began); sources not in the
     *                map are drawn from directly
     */
    public BatchSlice(long lo, long hi, long batch, Map<Rng, Rng> streams) {
        if (lo < 0 || hi <= lo || hi > batch) {
            throw new IllegalArgumentException("BatchSlice: need 0 <= lo < hi <= batch, got [" + lo + ", " + hi
                    + ") of " + batch);
        }
        this.lo = lo;
        this.hi = hi;
        this.batch = batch;
        this.streams = Map.copyOf(Objects.requireNonNull(streams, "streams"));
    }

    /** The slice this thread is running, or null when it runs whole batches. */
    public static BatchSlice current() {
        return CURRENT.get();
    }

    /** Runs {@code work} on this thread as {@code slice}. */
    public static <T> T run(BatchSlice slice, Supplier<T> work) {
        BatchSlice outer = CURRENT.get();
        CURRENT.set(Objects.requireNonNull(slice, "slice"));
        try {
            return work.get();
        } finally {
            CURRENT.set(outer);
        }
    }

    /** Whether an input of {@code rows} rows is this slice (and not, say, a tensor of another shape). */
    public boolean covers(long rows) {
        return rows == hi - lo;
    }

    /** The generator to draw from in place of {@code own}. */
    public Rng stream(Rng own) {
        return streams.getOrDefault(own, own);
    }

    /** The shape of the whole batch, for a slice-shaped array of {@code sliceShape}. */
    public long[] wholeShape(long[] sliceShape) {
        long[] whole = sliceShape.clone();
        whole[0] = batch;
        return whole;
    }

    /** This slice's rows of a whole-batch array, as a contiguous copy. */
    public INDArray rows(INDArray whole) {
        return rows(whole, lo, hi);
    }

    /** Rows [lo, hi) of {@code whole}, as a contiguous copy (the layout every op expects). */
    public static INDArray rows(INDArray whole, long lo, long hi) {
        INDArrayIndex[] index = new INDArrayIndex[whole.rank()];
        Arrays.fill(index, NDArrayIndex.all());
        index[0] = NDArrayIndex.interval(lo, hi);
        return whole.get(index).dup('c');
    }
}
