package org.inertia.nn.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.inertia.core.Rng;
import org.inertia.nn.Sequential;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.data.ImageDataset;
import org.inertia.nn.io.Checkpoint;
import org.inertia.nn.io.SafeTensors;
import org.inertia.nn.layers.Flatten;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.ReLU;
import org.inertia.optim.Adam;
import org.inertia.optim.Optimizer;

/**
 * The child JVM of {@link CrashSafetyTest}: trains a fixed model for {@code epochs} epochs with a
 * checkpoint after each, resuming from {@code DIR/last.ckpt} when it exists (as {@code train --resume}
 * does), then writes the final weights to {@code DIR/final.safetensors}. Prints "training" when the
 * first step is about to run, so the parent knows start-up is over.
 *
 * <p>The model is larger than the data needs (~400k parameters, a 5 MB checkpoint with Adam's
 * state) so that checkpoint writes take a good share of the run and kills land in them.
 */
public final class CrashChild {
    private CrashChild() {
    }

    static ImageDataset data(int n, long seed) {
        Random r = new Random(seed);
        byte[] pixels = new byte[n * 64];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(4);
            labels[i] = (byte) c;
            for (int p = 0; p < 64; p++) {
                boolean bright = (p % 8) / 2 == c;
                pixels[i * 64 + p] = (byte) Math.min(255, (bright ? 150 : 30) + r.nextInt(100));
            }
        }
        return new ImageDataset("crash", pixels, labels, 1, 8, 8, List.of("a", "b", "c", "d"));
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int epochs = Integer.parseInt(args[1]);
        Sequential model = new Sequential(new Flatten(), new Linear(Linear.options(64, 768).rng(new Rng(1))), new ReLU(),
            new Linear(Linear.options(768, 384).rng(new Rng(2))), new ReLU(), new Linear(Linear.options(384, 4).rng(new Rng(3))));
        Optimizer optimizer = new Adam(model.parameters(), Adam.options().lr(1e-3));
        Path last = dir.resolve(Checkpointer.LAST);
        Checkpoint resume = Files.exists(last) ? Checkpoint.load(last) : null;
        org.inertia.nn.io.AtomicFiles.removeLeftovers(dir);         // as train --resume does
        Checkpointer checkpointer = new Checkpointer(dir);
        if (resume != null) {
            checkpointer.resumingFrom(resume);
        }
        Trainer trainer = Trainer.builder(model, optimizer).callbacks(checkpointer, new Callback() {
            @Override
            public void onFitStart(TrainingState state) {
                System.out.println("training");
                System.out.flush();
            }
        }).build();
        if (resume != null && resume.epoch() >= epochs) {      // killed after the last checkpoint: nothing to train
            resume.restore(model, optimizer, null);
            System.out.println("training");
        } else {
            trainer.fit(new DataLoader(data(128, 7), 32, true, 11, false, 2), new DataLoader(data(32, 8), 32, false, 0),
                epochs, resume);
        }
        SafeTensors.write(dir.resolve("final.safetensors"), model.stateDict(), Map.of());
        System.out.println("done");
        System.out.flush();
        System.exit(0);
    }
}
