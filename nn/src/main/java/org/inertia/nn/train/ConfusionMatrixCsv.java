package org.inertia.nn.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The test set's confusion matrix after every epoch, as CSV: one row per epoch and actual class,
 * {@code epoch,actual,predicted_0,...,predicted_K-1} (counts). The file is replaced atomically each epoch
 * with the earlier epochs' rows and the new ones, so a reader never sees half a matrix and a resumed run
 * overwrites the epochs it repeats. Needs a test loader; without one it writes nothing.
 */
public final class ConfusionMatrixCsv implements Callback {
    private final Path file;

    /** Writes to {@code file}. */
    public ConfusionMatrixCsv(Path file) {
        this.file = file;
    }

    @Override
    public void onEpochEnd(TrainingState state, EpochResult result) {
        EvalResult eval = state.testEvaluation();
        if (eval == null) {
            return;
        }
        long[][] confusion = eval.confusion();
        StringBuilder header = new StringBuilder("epoch,actual");
        for (int k = 0; k < confusion.length; k++) {
            header.append(",predicted_").append(k);
        }
        try {
            List<String> rows = AppendedCsv.rows(file, header.toString(), epoch -> epoch < result.epoch());
            for (int actual = 0; actual < confusion.length; actual++) {
                StringBuilder row = new StringBuilder().append(result.epoch()).append(',').append(actual);
                for (long count : confusion[actual]) {
                    row.append(',').append(count);
                }
                rows.add(row.toString());
            }
            AppendedCsv.replace(file, header.toString(), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the confusion matrix", e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + ": not a confusion-matrix file (" + e.getMessage() + ")", e);
        }
    }
}
