package org.inertia.nn.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.inertia.nn.io.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a checkpoint after every epoch: {@code last.ckpt} always, {@code best.ckpt} when the test
 * accuracy is the best so far. Writes are atomic, so a crash mid-write leaves the previous file; an
 * epoch that diverges never gets saved, so {@code last.ckpt} is the last good state.
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
        try {
            c.save(dir.resolve(LAST));
            if (improved) {
                c.save(dir.resolve(BEST));
                LOG.debug("epoch {}: new best test accuracy {}, saved {}", state.epoch(), best, BEST);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save a checkpoint in " + dir, e);
        }
    }
}
