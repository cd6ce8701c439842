package org.inertia.nn.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.inertia.nn.io.Checkpoint;
import org.inertia.nn.io.IoErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a checkpoint after every epoch: {@code last.ckpt} always, {@code best.ckpt} when the test
 * accuracy is the best so far; and {@code last.ckpt} at the step where a {@link StopRequest} stopped
 * training mid-epoch, with the position in the epoch ({@link PartialEpoch}). Writes are atomic, so a
 * crash mid-write leaves the previous file; an epoch that diverges never gets saved, so
 * {@code last.ckpt} is the last good state.
 */
public final class Checkpointer implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    /** The checkpoint of the latest epoch. */
    public static final String LAST = "last.ckpt";
    /** The checkpoint of the epoch with the best test accuracy so far. */
    public static final String BEST = "best.ckpt";
    static final String BEST_ACCURACY = "best_test_accuracy";

    private final Path dir;
    private double best = Double.NEGATIVE_INFINITY;

    /** Writes {@link #LAST} after every epoch and {@link #BEST} when test accuracy improves, into {@code dir}. */
    public Checkpointer(Path dir) {
        this.dir = dir;
    }

    /** Continues best-tracking from a checkpoint being resumed. */
    public Checkpointer resumingFrom(Checkpoint checkpoint) {
        String b = checkpoint.extra().get(BEST_ACCURACY);
        best = b == null ? Double.NEGATIVE_INFINITY : Double.parseDouble(b);
        return this;
    }

    @Override
    public void onEpochEnd(TrainingState state, EpochResult r) {
        boolean improved = !Double.isNaN(r.testAccuracy()) && r.testAccuracy() > best;
        if (improved) {
            best = r.testAccuracy();
        }
        Checkpoint c = Checkpoint.capture(state.epoch(), state.step(), state.model(), state.optimizer(),
                state.scheduler(), Map.of(BEST_ACCURACY, Double.toString(best), "test_accuracy",
                        Double.toString(r.testAccuracy())));
        save(c, LAST);
        if (improved) {
            save(c, BEST);
            LOG.debug("epoch {}: new best test accuracy {}, saved {}", state.epoch(), best, BEST);
        }
    }

    /** Stopped mid-epoch: {@link #LAST} at this step, with the position in the epoch. */
    @Override
    public void onStop(TrainingState state) {
        PartialEpoch partial = state.partialEpoch();
        if (partial.batches() == 0) {
            return;                 // stopped at an epoch's end, which onEpochEnd saved
        }
        Map<String, String> extra = new LinkedHashMap<>(partial.toExtra());
        extra.put(BEST_ACCURACY, Double.toString(best));
        save(Checkpoint.capture(state.epoch() - 1, state.step(), state.model(), state.optimizer(), state.scheduler(),
                extra), LAST);
        LOG.info("epoch {}: checkpoint at step {} (batch {} of {}) saved in {}", state.epoch(), state.step(),
                partial.batches(), state.batchesPerEpoch(), dir.resolve(LAST));
    }

    private void save(Checkpoint c, String name) {
        try {
            c.save(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save a checkpoint in " + dir + ": " + IoErrors.describe(e)
                    + (java.nio.file.Files.isRegularFile(dir.resolve(name)) ? "; the previous " + name + " is intact" : ""), e);
        }
    }
}
