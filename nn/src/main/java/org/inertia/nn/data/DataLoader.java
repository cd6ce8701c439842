package org.inertia.nn.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;
import org.inertia.core.MemoryScope;
import org.inertia.core.Rng;

/**
 * Batches of a {@link Dataset}, epoch by epoch.
 *
 * <ul>
 *   <li>Shuffling: epoch e visits the examples in a permutation drawn from a generator seeded by
 *       (seed, e), so any epoch can be replayed exactly, after a resume too, without saved state.</li>
 *   <li>Prefetch: a background thread assembles up to {@code prefetch} batches ahead (copy, augment,
 *       convert to float), so the next batch is ready while the current one trains.</li>
 *   <li>{@code dropLast}: skip a final batch smaller than {@code batchSize}.</li>
 *   <li>Memory: each batch is handed out inside a {@link MemoryScope} of its own, closed when the loop
 *       asks for the next batch (or the epoch ends). Everything the loop body computes from the batch is
 *       released then, so a plain loop keeps its memory flat with no scopes and no {@code close()}.
 *       Read what you need inside the body ({@code item()}), or {@code keep()} a copy; a tensor used
 *       after its step fails with a message naming it. Parameters, gradients and optimizer state are
 *       not affected. After a {@code break} the last step stays open until this loader starts its next
 *       epoch or {@link #close()} is called.</li>
 * </ul>
 *
 * <pre>{@code
 * DataLoader train = new DataLoader(dataset, 64, true, 42);
 * for (Batch b : train) { ... }          // epoch 0, then epoch 1 on the next loop, ...
 * }</pre>
 */
public final class DataLoader implements Iterable<Batch> {
    private static final Object END = new Object();

    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private int prefetch;
    private int nextEpoch;
    private BatchIterator running;

    /** Batches of {@code batchSize} (the last may be smaller), shuffled each epoch from {@code seed} if {@code shuffle}, two assembled ahead. */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, long seed) {
        this(dataset, batchSize, shuffle, seed, false, 2);
    }

    /**
     * @param prefetch batches assembled ahead on a background thread (0: assemble on the caller's thread)
     */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, long seed, boolean dropLast, int prefetch) {
        this.dataset = java.util.Objects.requireNonNull(dataset, "dataset");
        if (batchSize < 1) {
            throw new IllegalArgumentException("DataLoader: batch size must be >= 1, got " + batchSize);
        }
        if (dataset.size() == 0 || (dropLast && dataset.size() < batchSize)) {
            throw new IllegalArgumentException("DataLoader: " + dataset + " has " + dataset.size()
                    + " examples, not enough for one batch of " + batchSize + (dropLast ? " with dropLast" : ""));
        }
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
        this.prefetch = checkPrefetch(prefetch);
    }

    /** The dataset the batches come from. */
    public Dataset dataset() {
        return dataset;
    }

    /** Examples per batch (the last batch of an epoch may have fewer). */
    public int batchSize() {
        return batchSize;
    }

    /** Batches in one epoch. */
    public int batchesPerEpoch() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** Examples in one epoch. */
    public long examplesPerEpoch() {
        return dropLast ? (long) batchesPerEpoch() * batchSize : dataset.size();
    }

    /** The epoch the next {@link #iterator()} produces. */
    public int nextEpoch() {
        return nextEpoch;
    }

    /** Makes the next {@link #iterator()} produce epoch {@code e} (after a resume). */
    public void setNextEpoch(int e) {
        if (e < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + e);
        }
        nextEpoch = e;
    }

    /** The batches of the next epoch; stops any earlier iteration's background thread. */
    @Override
    public synchronized BatchIterator iterator() {
        return epoch(nextEpoch++);
    }

    /**
     * Batches assembled ahead on a background thread from the next epoch on (0: on the caller's
     * thread). The batches themselves do not change.
     */
    public synchronized void setPrefetch(int prefetch) {
        this.prefetch = checkPrefetch(prefetch);
    }

    /** Batches assembled ahead on a background thread (0: on the caller's thread). */
    public synchronized int prefetch() {
        return prefetch;
    }

    private static int checkPrefetch(int prefetch) {
        if (prefetch < 0) {
            throw new IllegalArgumentException("DataLoader: prefetch must be >= 0, got " + prefetch);
        }
        return prefetch;
    }

    /**
     * Ends the running epoch early (after a {@code break}): stops its background thread and, called on
     * the thread that iterated, releases the last batch's step.
     */
    public synchronized void close() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /** The batches of epoch {@code e}, always the same ones for the same seed. */
    public synchronized BatchIterator epoch(int e) {
        return epoch(e, 0);
    }

    /**
     * The batches of the next epoch from batch {@code start} on (counting from 0): what a run resumed in
     * the middle of an epoch still has to see, exactly as an uninterrupted run sees them.
     */
    public synchronized BatchIterator iterator(int start) {
        return epoch(nextEpoch++, start);
    }

    /** The batches of epoch {@code e} from batch {@code start} on. */
    public synchronized BatchIterator epoch(int e, int start) {
        if (start < 0 || start > batchesPerEpoch()) {
            throw new IllegalArgumentException("DataLoader: start batch must be in [0, " + batchesPerEpoch() + "], got "
                    + start);
        }
        if (running != null) {
            running.close();
        }
        running = new BatchIterator(order(e), new Rng(mix(seed, e) ^ 0x5DEECE66DL), start);
        return running;
    }

    /** The example order of epoch {@code e}. */
    int[] order(int e) {
        int n = dataset.size();
        if (shuffle) {
            return new Rng(mix(seed, e)).permutation(n);
        }
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        return identity;
    }

    private static long mix(long seed, int epoch) {
        return seed * 0x9E3779B97F4A7C15L + epoch;
    }

    /**
     * One epoch's batches, each in a step of its own (see the class comment); {@link #close()} stops
     * the background thread early and releases the last step.
     */
    public final class BatchIterator implements Iterator<Batch>, AutoCloseable {
        private final int[] order;
        private final Rng augmentation;
        private final BlockingQueue<Object> queue;
        private final Thread producer;
        private int produced;
        private int consumed;
        private Object next;
        private volatile boolean closed;
        /** The step of the batch last handed out, and the thread it belongs to. */
        private MemoryScope step;
        private Thread consumer;

        BatchIterator(int[] order, Rng augmentation, int start) {
            this.order = order;
            this.augmentation = augmentation;
            for (int b = 0; b < start; b++) {
                prepare(b);             // draws the skipped batches' augmentation, so the rest draw as they would have
            }
            this.produced = start;
            this.consumed = start;
            if (prefetch == 0) {
                queue = null;
                producer = null;
            } else {
                queue = new ArrayBlockingQueue<>(prefetch);
                producer = new Thread(this::produce, "inertia-data-loader");
                producer.setDaemon(true);
                producer.start();
            }
        }

        /** Batch {@code b}'s Java half ({@link Dataset#prepare}); its native half is built in {@link #next()}. */
        private Supplier<Batch> prepare(int b) {
            int from = b * batchSize;
            int to = Math.min(order.length, from + batchSize);
            return dataset.prepare(java.util.Arrays.copyOfRange(order, from, to), augmentation);
        }

        private void produce() {
            try {
                for (int b = produced; b < batchesPerEpoch() && !closed; b++) {
                    queue.put(prepare(b));
                }
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                try {
                    queue.put(e);     // re-thrown on the consumer's thread
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public boolean hasNext() {
            endStep();                  // the loop body of the previous batch is done
            if (next != null) {
                return next != END;
            }
            if (closed) {
                return false;
            }
            if (queue == null) {
                next = produced < batchesPerEpoch() ? prepare(produced++) : END;
            } else {
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the next batch", e);
                }
            }
            if (next instanceof RuntimeException e) {
                close();
                throw e;
            }
            if (next instanceof Error e) {
                close();
                throw e;
            }
            return next != END;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            @SuppressWarnings("unchecked")
            Supplier<Batch> prepared = (Supplier<Batch>) next;
            next = null;
            consumed++;
            consumer = Thread.currentThread();
            step = MemoryScope.enter("the DataLoader moved on to the next batch");
            try {
                Batch b = prepared.get();                   // the batch's arrays live in the step
                step.adopt(b.inputs(), b.labels());
                return b;
            } catch (RuntimeException | Error e) {
                endStep();
                throw e;
            }
        }

        /** Releases the last batch's step, if this is the thread it was handed out on. */
        private void endStep() {
            if (step != null && consumer == Thread.currentThread()) {
                MemoryScope done = step;
                step = null;
                if (!done.isClosed()) {
                    done.close();
                }
            }
        }

        /** Whether a background thread assembles this epoch's batches. */
        boolean prefetching() {
            return producer != null;
        }

        /** Batches handed out so far in this epoch. */
        public int consumed() {
            return consumed;
        }

        @Override
        public void close() {
            closed = true;
            if (producer != null) {
                producer.interrupt();
            }
            endStep();
        }
    }
}
