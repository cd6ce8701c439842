package org.inertia.nn.train;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress bar per epoch (the {@code me.tongfei:progressbar} library, on standard error):
 * samples done, samples per second, ETA, and the running loss and accuracy.
 */
public final class ProgressBarCallback implements Callback {
    private ProgressBar bar;
    private double lossSum;
    private long correct;
    private long seen;

    @Override
    public void onEpochStart(TrainingState state) {
        lossSum = 0;
        correct = 0;
        seen = 0;
        bar = new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", state.epoch(), state.epochs()))
                .setInitialMax(state.examplesPerEpoch())
                .setUnit(" samples", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setMaxRenderedLength(120)          // also the width when the terminal does not report one
                .showSpeed()
                .build();
    }

    @Override
    public void onBatchEnd(TrainingState state, double loss, long hits, long size) {
        lossSum += loss * size;
        correct += hits;
        seen += size;
        bar.stepBy(size);
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f acc %.2f%%", lossSum / seen, 100.0 * correct / seen));
    }

    @Override
    public void onEpochEnd(TrainingState state, EpochResult result) {
        close();
    }

    @Override
    public void onFitEnd(TrainingState state) {
        close();
    }

    private void close() {
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.close();
            bar = null;
        }
    }
}
