package org.inertia.nn.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.inertia.core.Tensor;
import org.inertia.nn.Module;
import org.inertia.nn.data.Batch;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.io.Checkpoint;
import org.inertia.nn.loss.CrossEntropyLoss;
import org.inertia.nn.loss.Loss;
import org.inertia.nn.train.steps.DataParallel;
import org.inertia.nn.train.steps.TrainingStep;
import org.inertia.optim.GradientClipping;
import org.inertia.optim.GroupDiagnostics;
import org.inertia.optim.Optimizer;
import org.inertia.optim.schedule.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop, for people who do not want to write it: {@link #fit} runs epochs of
 * zero-grad, forward, loss, backward, (clip), step, (schedule), evaluates on the test loader after
 * each epoch and tells the callbacks; {@link #evaluate} measures loss, accuracy and the confusion
 * matrix. A non-finite loss always stops training with {@link TrainingDivergedException}.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, optimizer)
 *     .callbacks(new ProgressBarCallback(), new MetricsCsv(dir.resolve("metrics.csv")), new Checkpointer(dir))
 *     .build();
 * trainer.fit(trainLoader, testLoader, 5);
 * }</pre>
 *
 * Each step goes through {@link Optimizer#step(org.inertia.optim.Closure)}, so every optimizer,
 * look-ahead Nesterov included, works unchanged.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /** When the scheduler advances. */
    public enum ScheduleInterval {
        /** after every optimizer step */
        ITERATION,
        /** after every epoch */
        EPOCH
    }

    private final Module model;
    private final Optimizer optimizer;
    private final Loss loss;
    private final Scheduler scheduler;
    private final ScheduleInterval interval;
    private final double clipGradNorm;
    private final int dataParallel;
    private final List<Callback> callbacks;
    private final StopRequest stop;

    private Trainer(Builder b) {
        this.model = b.model;
        this.optimizer = b.optimizer;
        this.loss = b.loss;
        this.scheduler = b.scheduler;
        this.interval = b.interval;
        this.clipGradNorm = b.clipGradNorm;
        this.dataParallel = b.dataParallel == 0 ? DataParallel.shardsFor(b.model) : b.dataParallel;
        DataParallel.requireSupported(model, dataParallel, "Trainer", "dataParallel(1)");
        List<Callback> all = new ArrayList<>();
        all.add(new NonFiniteLossGuard());
        all.addAll(b.callbacks);
        this.callbacks = List.copyOf(all);
        this.stop = b.stop;
    }

    /** Starts a trainer for {@code model} and {@code optimizer} (cross-entropy loss unless set). */
    public static Builder builder(Module model, Optimizer optimizer) {
        return new Builder(model, optimizer);
    }

    /** Trainer settings. */
    public static final class Builder {
        private final Module model;
        private final Optimizer optimizer;
        private Loss loss = new CrossEntropyLoss();
        private Scheduler scheduler;
        private ScheduleInterval interval = ScheduleInterval.ITERATION;
        private double clipGradNorm;
        private int dataParallel;
        private final List<Callback> callbacks = new ArrayList<>();
        private StopRequest stop;

        private Builder(Module model, Optimizer optimizer) {
            this.model = Objects.requireNonNull(model, "model");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        }

        /** The loss (default: cross-entropy on logits and int64 labels). */
        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /** A scheduler, stepped every iteration or every epoch. */
        public Builder scheduler(Scheduler scheduler, ScheduleInterval interval) {
            this.scheduler = scheduler;
            this.interval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** Clip the global gradient norm to this value before each step (0: off). */
        public Builder clipGradNorm(double maxNorm) {
            if (!(maxNorm >= 0)) {
                throw new IllegalArgumentException("clipGradNorm: must be >= 0 (0 turns it off), got " + maxNorm);
            }
            this.clipGradNorm = maxNorm;
            return this;
        }

        /**
         * Threads to split each batch across ({@link DataParallel}; the model must qualify). Default: the
         * system property {@value DataParallel#PROPERTY}, or 1 where the model does not qualify.
         */
        public Builder dataParallel(int shards) {
            if (shards < 1) {
                throw new IllegalArgumentException("dataParallel: shards must be >= 1, got " + shards);
            }
            this.dataParallel = shards;
            return this;
        }

        /**
         * Stops training when {@code stop} is requested: after the step in progress (or the epoch's end,
         * if it comes during evaluation), the callbacks' {@link Callback#onStop} (a {@link Checkpointer}
         * saves the exact position, mid-epoch included), then {@link #fit} throws {@link TrainingStopped}.
         * For SIGTERM and SIGINT, pass the request to {@link SignalStop#install}.
         */
        public Builder stopRequest(StopRequest stop) {
            this.stop = Objects.requireNonNull(stop, "stop");
            return this;
        }

        /** Adds callbacks, run in the order given. */
        public Builder callbacks(Callback... more) {
            callbacks.addAll(Arrays.asList(more));
            return this;
        }

        /** The trainer with these settings. */
        public Trainer build() {
            return new Trainer(this);
        }
    }

    /** Trains from scratch for {@code epochs} epochs. */
    public List<EpochResult> fit(DataLoader train, DataLoader test, int epochs) {
        return fit(train, test, epochs, null);
    }

    /**
     * Trains until {@code epochs} epochs are complete, continuing from {@code resume} (if not null):
     * model, optimizer, schedule and random sources restored, the next epoch's data order replayed from
     * the batch a mid-epoch checkpoint stopped at.
     */
    public List<EpochResult> fit(DataLoader train, DataLoader test, int epochs, Checkpoint resume) {
        Objects.requireNonNull(train, "train loader");
        if (epochs < 1) {
            throw new IllegalArgumentException("fit: epochs must be >= 1, got " + epochs);
        }
        TrainingState state = new TrainingState(model, optimizer, scheduler, epochs, train.batchesPerEpoch(),
                train.batchSize(), train.examplesPerEpoch());
        int done = 0;
        PartialEpoch partial = PartialEpoch.none();
        if (resume != null) {
            partial = PartialEpoch.fromExtra(resume.extra());
            done = resume.epoch();
            if (done >= epochs) {
                throw new IllegalArgumentException("fit: the checkpoint has " + done + " epochs done; ask for more than "
                        + done + " epochs to continue");
            }
            resume.restore(model, optimizer, scheduler);
            state.step = resume.step();
            state.epochsDoneBefore = done;
            LOG.info("resuming after epoch {}{} (step {})", done, partial.batches() > 0 ? " and " + partial.batches()
                    + " batches of the next" : "", state.step);
        }
        callbacks.forEach(c -> c.onFitStart(state));
        boolean alwaysDiagnose = optimizer.diagnosticsOn();     // the caller's own setting, kept
        try (TrainingStep step = TrainingStep.of(model, loss, dataParallel, Evaluation::correct)) {
            runEpochs(step, train, test, state, done, epochs, partial, alwaysDiagnose);
        } finally {
            optimizer.setDiagnostics(alwaysDiagnose);
        }
        callbacks.forEach(c -> c.onFitEnd(state));
        return state.history();
    }

    private void runEpochs(TrainingStep step, DataLoader train, DataLoader test, TrainingState state, int done,
            int epochs, PartialEpoch resumed, boolean alwaysDiagnose) {
        for (int e = done + 1; e <= epochs; e++) {
            state.epoch = e;
            train.setNextEpoch(e - 1);
            EpochResult result = runEpoch(step, train, test, state, e == done + 1 ? resumed : PartialEpoch.none(),
                    alwaysDiagnose);
            state.record(result);
            callbacks.forEach(c -> c.onEpochEnd(state, result));
            LOG.info(String.format(java.util.Locale.ROOT,
                    "epoch %d/%d: train loss %.4f acc %.2f%% | test loss %.4f acc %.2f%% | %.1f s, %,.0f samples/s",
                    e, epochs, result.trainLoss(), 100 * result.trainAccuracy(), result.testLoss(),
                    100 * result.testAccuracy(), result.seconds(), result.samplesPerSecond()));
            if (state.stopReason() != null) {
                LOG.info("stopping: {}", state.stopReason());
                break;
            }
            if (stop != null && stop.isRequested() && e < epochs) {   // came during evaluation: the epoch is saved
                stopNow(state, PartialEpoch.none());
            }
        }
    }

    private EpochResult runEpoch(TrainingStep step, DataLoader train, DataLoader test, TrainingState state,
            PartialEpoch from, boolean alwaysDiagnose) {
        callbacks.forEach(c -> c.onEpochStart(state));
        model.train();
        long start = System.nanoTime();
        double lossSum = from.lossSum();
        long correct = from.correct();
        long seen = from.seen();
        double gradNormSum = from.gradNormSum();
        double velocityNormSum = from.velocityNormSum();
        int diagnosed = from.diagnosed();
        long seenBefore = seen;
        state.batch = from.batches();
        try (DataLoader.BatchIterator batches = train.iterator(from.batches())) {
            while (batches.hasNext()) {
                Batch b = batches.next();       // inside its own step: released when the loop takes the next batch
                long size = b.size();
                state.batch++;
                state.diagnosticsRequested = false;
                callbacks.forEach(c -> c.onBatchStart(state));
                optimizer.setDiagnostics(alwaysDiagnose || state.diagnosticsRequested);
                TrainingStep.Result[] result = new TrainingStep.Result[1];
                optimizer.step(() -> {
                    optimizer.zeroGrad();
                    result[0] = step.forwardBackward(b.inputs(), b.labels());
                    if (clipGradNorm > 0) {
                        GradientClipping.clipGradNorm(model.parameters(), clipGradNorm);
                    }
                    return Tensor.scalar(result[0].loss());
                });
                double value = result[0].loss();
                long hits = result[0].correct();
                state.step++;
                if (scheduler != null && interval == ScheduleInterval.ITERATION) {
                    scheduler.step();
                }
                lossSum += value * size;
                correct += hits;
                seen += size;
                if (!optimizer.diagnostics().isEmpty()) {
                    GroupDiagnostics d = optimizer.diagnostics().get(0);
                    gradNormSum += d.gradientNorm();
                    velocityNormSum += d.velocityNorm();
                    diagnosed++;
                }
                callbacks.forEach(c -> c.onBatchEnd(state, value, hits, size));
                if (stop != null && stop.isRequested() && state.batch < state.batchesPerEpoch()) {
                    stopNow(state, new PartialEpoch(state.batch, lossSum, correct, seen, gradNormSum, velocityNormSum,
                            diagnosed));
                }
            }
        }
        if (scheduler != null && interval == ScheduleInterval.EPOCH) {
            scheduler.step();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        EvalResult eval = test == null ? null : Evaluation.evaluate(model, test, loss, step);   // on the step's threads
        state.testEvaluation = eval;
        return new EpochResult(state.epoch, state.step, lossSum / seen, (double) correct / seen,
                eval == null ? Double.NaN : eval.loss(), eval == null ? Double.NaN : eval.accuracy(),
                optimizer.paramGroups().get(0).lr(), optimizer.paramGroups().get(0).options().hasMomentum()
                    ? optimizer.paramGroups().get(0).momentum() : Double.NaN,
                diagnosed == 0 ? Double.NaN : gradNormSum / diagnosed, diagnosed == 0 ? Double.NaN : velocityNormSum / diagnosed,
                seconds, (seen - seenBefore) / seconds);
    }

    /** Lets the callbacks save the position ({@link Callback#onStop}), then throws {@link TrainingStopped}. */
    private void stopNow(TrainingState state, PartialEpoch partial) {
        state.partialEpoch = partial;
        callbacks.forEach(c -> c.onStop(state));
        int epoch = partial.batches() > 0 ? state.epoch : state.epoch + 1;
        throw new TrainingStopped(stop.reason(), epoch, partial.batches(), state.step);
    }

    /** Loss, accuracy and confusion matrix of the model (in evaluation mode) over {@code loader}. */
    public EvalResult evaluate(DataLoader loader) {
        return Evaluation.evaluate(model, loader, loss);
    }

    /** Stops training the moment the loss stops being finite: continuing would only corrupt the weights. */
    static final class NonFiniteLossGuard implements Callback {
        @Override
        public void onBatchEnd(TrainingState state, double loss, long correct, long size) {
            if (!Double.isFinite(loss)) {
                throw new TrainingDivergedException(String.format(java.util.Locale.ROOT,
                        "training diverged: the loss became %s at epoch %d, step %d (batch %d of %d). Likely cause: the "
                        + "learning rate (%s) is too high for this model and optimizer; lower it, add gradient "
                        + "clipping, or check the inputs for NaN/Inf. The last good checkpoint, if any, was kept.",
                        loss, state.epoch(), state.step(), state.batch(), state.batchesPerEpoch(),
                        state.optimizer().paramGroups().get(0).lr()), state.epoch(), state.step());
            }
        }
    }
}
