package org.inertia.nn.train.steps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.ToLongBiFunction;
import org.inertia.core.FastPaths;
import org.inertia.core.GradSink;
import org.inertia.core.MemoryScope;
import org.inertia.core.Rng;
import org.inertia.core.kernels.OpenMp;
import org.inertia.core.Tensor;
import org.inertia.nn.BatchSlice;
import org.inertia.nn.Module;
import org.inertia.nn.Parameter;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.loss.Loss;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forward and backward of a batch split across threads: each of {@code shards} threads runs the whole
 * model on its slice of the batch with a one-thread OpenMP team, and their gradients are summed into
 * the parameters' own, so the optimizer steps exactly as after one backward pass over the whole batch
 * (up to the order of float additions).
 *
 * <p>Why: on a small machine the per-op costs of a small model — JNI calls, op set-up, waking the
 * OpenMP team at every parallel region and waiting for it at every barrier — outweigh the arithmetic.
 * Splitting the batch turns one two-thread pipeline that waits at every op into two one-thread
 * pipelines that meet once per step (docs/performance.md, "Data-parallel steps").
 *
 * <p>The calling thread runs the first slice itself, so {@code shards} threads use {@code shards}
 * cores. Each slice's loss is weighted by its share of the batch, which assumes the loss averages over
 * the batch (the default reduction of every Inertia loss). Only models whose training-mode forward
 * treats examples independently qualify ({@link #supports}): batch normalisation would see smaller
 * batches. Dropout qualifies: each slice draws the masks the whole batch would have drawn and keeps its
 * rows ({@link BatchSlice}), so a model with dropout trains the same on any number of threads.
 *
 * <p>While open, the thread that opened it keeps a one-thread OpenMP team for everything it runs, the
 * optimizer step included: a second OpenMP thread would have to be woken for every op, and on a small
 * machine waking it costs more than the memory-bound updates gain from it.
 * {@link #close()} restores the team. Use it from the thread that opened it.
 */
public final class DataParallel implements TrainingStep {
    /** System property: threads to split each training batch across (absent: 1). */
    public static final String PROPERTY = "inertia.dataParallel";

    private static final Logger LOG = LoggerFactory.getLogger(DataParallel.class);

    private final Module model;
    private final List<Parameter> parameters;
    private final Loss loss;
    private final ToLongBiFunction<Tensor, Tensor> correct;
    private final int shards;
    private final ExecutorService workers;
    private final GradSink[] sinks;
    private final List<Map<Rng, Rng>> streams;      // per slice: copies of the model's random sources
    private final Thread owner = Thread.currentThread();
    private final int ownerTeam;

    /**
     * @param shards       threads to split each batch across (1: everything on the calling thread)
     * @param correct counts right predictions from a slice's outputs and targets (null: not counted)
     */
    public DataParallel(Module model, Loss loss, int shards, ToLongBiFunction<Tensor, Tensor> correct) {
        this.model = Objects.requireNonNull(model, "model");
        this.parameters = model.parameters();
        this.loss = Objects.requireNonNull(loss, "loss");
        if (shards < 1) {
            throw new IllegalArgumentException("DataParallel: shards must be >= 1, got " + shards);
        }
        requireSupported(model, shards, "DataParallel", "shards = 1");
        this.correct = correct;
        // Slicing is a fast path: with -Dinertia.reference=true a batch runs whole, on one thread.
        this.shards = FastPaths.enabled() ? shards : 1;
        this.sinks = new GradSink[this.shards];
        Arrays.setAll(sinks, i -> new GradSink());
        this.streams = new ArrayList<>();
        for (int k = 0; k < this.shards; k++) {
            Map<Rng, Rng> copies = new IdentityHashMap<>();
            if (k > 0) {                         // the first slice draws from the sources themselves
                model.namedRandomSources().values().forEach(r -> copies.put(r, new Rng(r.seed())));
            }
            streams.add(copies);
        }
        this.workers = this.shards == 1 ? null : Executors.newFixedThreadPool(this.shards - 1, r -> {
            Thread t = new Thread(() -> {
                OpenMp.setThreads(1);
                r.run();
            }, "inertia-shard");
            t.setDaemon(true);
            return t;
        });
        this.ownerTeam = OpenMp.threads();
        if (this.shards > 1) {
            OpenMp.setThreads(1);
        }
    }

    /**
     * How many threads to split batches of {@code model} across: the system property {@value #PROPERTY}
     * (absent: 1; the {@code ./inertia} launcher sets it to the number of cores), or 1 when the model
     * does not qualify ({@link #supports}).
     */
    public static int shardsFor(Module model) {
        int shards = ThreadCountProperty.read(PROPERTY, 1);
        if (shards < 1) {
            throw new IllegalArgumentException(PROPERTY + " must be >= 1, got " + shards);
        }
        if (shards > 1 && !supports(model)) {
            LOG.info("batches run on one thread: the model has batch statistics, which data-parallel slices would "
                    + "change");
            return 1;
        }
        if (shards > 1 && onlyDenseLayers(model)) {
            LOG.info("batches run whole: a model of dense layers spends its time in matrix products, which already "
                    + "use every core");
            return 1;
        }
        return shards;
    }

    /**
     * Whether every layer with parameters is {@link Linear}: such a model's time is in large matrix
     * products, which the BLAS spreads across cores better than slices would (docs/performance.md,
     * "The whole job").
     */
    static boolean onlyDenseLayers(Module model) {
        boolean any = false;
        for (Module m : model.namedModules().values()) {
            boolean own = m.children().isEmpty() && !m.parameters().isEmpty();
            if (own && !(m instanceof Linear)) {
                return false;
            }
            any |= own;
        }
        return any;
    }

    /**
     * Refuses {@code shards} &gt; 1 for a model that does not qualify, naming the layers and the fix.
     *
     * @param who the caller named in the message
     * @param fix the setting that would avoid the error, named in the message
     */
    public static void requireSupported(Module model, int shards, String who, String fix) {
        if (shards > 1 && !supports(model)) {
            throw new IllegalArgumentException(who + ": splitting batches across " + shards + " threads needs a model "
                    + "without batch statistics (which would see slices instead of whole batches) and whose random "
                    + "layers draw the same for any split; this one has buffers " + model.namedBuffers().keySet()
                    + " and split-dependent random layers " + splitDependentLayers(model) + ". Use " + fix);
        }
    }

    /**
     * Whether a model's training-mode forward treats examples independently: no buffers (batch norm),
     * and every layer that draws random numbers draws the same for any split of the batch
     * ({@link Module#drawsSliceInvariant()}, as dropout does).
     */
    public static boolean supports(Module model) {
        return model.namedBuffers().isEmpty() && splitDependentLayers(model).isEmpty();
    }

    /** The names of the layers whose training-mode draws would change if the batch were split. */
    private static List<String> splitDependentLayers(Module model) {
        return model.namedModules().entrySet().stream()
                .filter(e -> e.getValue().drawsRandomNumbers() && !e.getValue().drawsSliceInvariant())
                .map(Map.Entry::getKey).toList();
    }

    /** The number of threads each batch is split across. */
    public int shards() {
        return shards;
    }

    /**
     * Forward, loss and backward of one batch. Call it inside a {@link MemoryScope}. The batch's
     * gradients are added into the parameters' (zero them first, as for any backward) once every slice
     * has succeeded; if one fails, its exception is rethrown and the parameters' gradients are as they
     * were before the call.
     */
    @Override
    public Result forwardBackward(Tensor inputs, Tensor labels) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("DataParallel: opened on thread " + owner.getName() + " but used on "
                    + Thread.currentThread().getName());
        }
        long n = inputs.size(0);
        if (labels.size(0) != n) {
            throw new IllegalArgumentException("DataParallel: " + n + " inputs but " + labels.size(0) + " labels");
        }
        int used = (int) Math.min(shards, n);
        if (used == 1) {
            return slice(inputs, labels, 1.0);
        }
        List<Future<Result>> others = new ArrayList<>(used - 1);
        for (int k = 1; k < used; k++) {
            long lo = n * k / used;
            long hi = n * (k + 1) / used;
            GradSink sink = sinks[k];           // each slice collects its gradients apart until all succeed
            streams.get(k).forEach((source, copy) -> copy.restore(source.state()));   // before slice 0 draws
            BatchSlice part = new BatchSlice(lo, hi, n, streams.get(k));
            others.add(workers.submit(() -> {
                try (MemoryScope scope = MemoryScope.enter(); GradSink.Open open = sink.open()) {
                    return BatchSlice.run(part, () -> slice(rows(inputs, lo, hi), rows(labels, lo, hi),
                            (double) (hi - lo) / n));
                }
            }));
        }
        Throwable failure = null;
        double lossSum = 0;
        long correct = 0;
        // The caller's slice writes straight into the parameters when they hold no gradient yet (the usual
        // case, right after zeroGrad): a failure then only has to forget it. Otherwise it too collects apart.
        boolean fresh = parameters.stream().allMatch(p -> p.grad() == null);
        try (GradSink.Open open = fresh ? null : sinks[0].open()) {
            long hi = n / used;
            Result mine = BatchSlice.run(new BatchSlice(0, hi, n, streams.get(0)),
                    () -> slice(rows(inputs, 0, hi), rows(labels, 0, hi), (double) hi / n));
            lossSum += mine.loss();
            correct += mine.correct();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        List<Result> theirs = new ArrayList<>(used - 1);
        failure = awaitAll(others, theirs, failure);
        if (failure != null) {
            for (GradSink sink : sinks) {
                sink.zeroGrad();
            }
            if (fresh) {
                parameters.forEach(Parameter::zeroGrad);
            }
            throw rethrown(failure);
        }
        for (Result r : theirs) {
            lossSum += r.loss();
            correct += r.correct();
        }
        for (GradSink sink : sinks) {
            sink.addToLeaves();
        }
        return new Result(lossSum, correct);
    }

    @Override
    public <R> List<R> inSlices(Tensor inputs, Tensor targets, BiFunction<Tensor, Tensor, R> work) {
        Objects.requireNonNull(work, "work");
        long n = inputs.size(0);
        if (targets.size(0) != n) {
            throw new IllegalArgumentException("DataParallel: " + n + " inputs but " + targets.size(0) + " targets");
        }
        int used = (int) Math.min(shards, n);
        List<Future<R>> others = new ArrayList<>(used - 1);
        for (int k = 1; k < used; k++) {
            long lo = n * k / used;
            long hi = n * (k + 1) / used;
            others.add(workers.submit(() -> {
                try (MemoryScope scope = MemoryScope.enter()) {
                    return work.apply(rows(inputs, lo, hi), rows(targets, lo, hi));
                }
            }));
        }
        List<R> results = new ArrayList<>(used);
        Throwable failure = null;
        try (MemoryScope scope = MemoryScope.enter()) {
            long hi = n / used;
            results.add(used == 1 ? work.apply(inputs, targets) : work.apply(rows(inputs, 0, hi), rows(targets, 0, hi)));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        failure = awaitAll(others, results, failure);
        if (failure != null) {
            throw rethrown(failure);
        }
        return results;
    }

    /**
     * Waits for every worker's slice — even after a failure, since they share the model — adding their
     * results to {@code into} in order; returns {@code failure} if it is set, else the first slice's failure.
     */
    private static <R> Throwable awaitAll(List<Future<R>> others, List<R> into, Throwable failure) {
        for (Future<R> f : others) {
            try {
                into.add(f.get());
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            }
        }
        return failure;
    }

    /** A slice's failure as the caller sees it: its own exception where it is unchecked. */
    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException re) {
            return re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        return new IllegalStateException("DataParallel: a slice of the batch failed", failure);
    }

    /** Forward, loss (weighted by the slice's share of the batch) and backward on the calling thread. */
    private Result slice(Tensor x, Tensor y, double weight) {
        Tensor out = model.forward(x);
        Tensor l = loss.forward(out, y);
        l.backward(weight == 1.0 ? null : Tensor.full(l.dtype(), weight, l.shape()));
        return new Result(weight * l.item(), correct == null ? 0 : correct.applyAsLong(out, y));
    }

    /** Rows [lo, hi) of t, copied into the current scope (a contiguous array, as every op expects). */
    private static Tensor rows(Tensor t, long lo, long hi) {
        return Tensor.wrap(BatchSlice.rows(t.data(), lo, hi));
    }

    /** Stops the worker threads and gives the opening thread back its OpenMP team. */
    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
            OpenMp.setThreads(ownerTeam);
        }
    }
}
