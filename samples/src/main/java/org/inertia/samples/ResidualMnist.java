package org.inertia.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.inertia.core.NoGrad;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Losses;
import org.inertia.nn.Init;
import org.inertia.nn.Module;
import org.inertia.nn.data.Batch;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.data.ImageDataset;
import org.inertia.nn.data.Mnist;
import org.inertia.nn.data.Split;
import org.inertia.optim.Nesterov;
import org.inertia.optim.schedule.Scheduler;
import org.inertia.optim.schedule.Schedules;

/**
 * A custom network trained on MNIST with a plain loop (no Trainer, no memory scopes, no close()),
 * accuracy counted with argmax. It also reports what a user would watch: training samples per second
 * and the process's resident memory after each epoch, and can check both.
 *
 * <pre>
 *   java -cp ... org.inertia.samples.ResidualMnist [--model residual|lenet5] [--epochs 3] [--batches N]
 *        [--batch-size 64] [--lr 0.05] [--min-accuracy 0.95] [--max-memory-growth 0.10 --memory-from 2]
 *        [--gc-after-epoch true]
 * </pre>
 *
 * {@code --batches N} trains on the first N batches' worth of examples each epoch; the checks exit
 * with status 1 when the final test accuracy is below the minimum, or when resident memory grew by
 * more than the given fraction from the end of epoch {@code --memory-from} to the end of the last.
 * {@code --gc-after-epoch true} calls {@code System.gc()} after each epoch, as the measurement in the
 * library issue did: it lets the JVM give back heap it has touched, so what is left is Inertia's memory.
 */
public final class ResidualMnist {
    private ResidualMnist() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = options(args);
        int epochs = Integer.parseInt(o.getOrDefault("epochs", "3"));
        int batchSize = Integer.parseInt(o.getOrDefault("batch-size", "64"));
        int batches = Integer.parseInt(o.getOrDefault("batches", "0"));
        double minAccuracy = Double.parseDouble(o.getOrDefault("min-accuracy", "0"));
        double maxGrowth = Double.parseDouble(o.getOrDefault("max-memory-growth", "-1"));
        int memoryFrom = Integer.parseInt(o.getOrDefault("memory-from", "2"));
        boolean gcAfterEpoch = Boolean.parseBoolean(o.getOrDefault("gc-after-epoch", "false"));

        Init.manualSeed(42);
        Module model = switch (o.getOrDefault("model", "residual")) {
            case "residual" -> new Networks.ResidualNet();
            case "lenet5" -> new Networks.LeNet5();
            default -> throw new IllegalArgumentException("--model must be residual or lenet5, got " + o.get("model"));
        };
        ImageDataset train = Mnist.bundled(Split.TRAIN);
        if (batches > 0) {
            train = train.slice(0, Math.min(train.size(), batches * batchSize));
        }
        DataLoader loader = new DataLoader(train, batchSize, true, 42);
        DataLoader test = new DataLoader(Mnist.bundled(Split.TEST), 1000, false, 0);
        var optimizer = new Nesterov(model.parameters(),
                Nesterov.options().lr(Double.parseDouble(o.getOrDefault("lr", "0.05"))).momentum(0.9));
        Scheduler schedule = Scheduler.of(optimizer).lr(Schedules.cosine((long) epochs * loader.batchesPerEpoch(), 0));
        System.out.println(model.summary(1, 1, 28, 28));

        long[] rss = new long[epochs + 1];
        double accuracy = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            double lossSum = 0;
            for (Batch b : loader) {
                optimizer.zeroGrad();
                Tensor loss = Losses.crossEntropy(model.call(b.inputs()), b.labels());
                loss.backward();
                optimizer.step();
                schedule.step();
                lossSum += loss.item() * b.size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (gcAfterEpoch) {
                System.gc();
            }
            accuracy = accuracy(model, test);
            rss[epoch] = residentMiB();
            Runtime jvm = Runtime.getRuntime();
            System.out.printf("epoch %d/%d: train loss %.4f, test accuracy %.2f%%, %,.0f samples/s, RSS %d MiB "
                    + "(Java heap %d MiB)%n", epoch, epochs, lossSum / train.size(), 100 * accuracy,
                    train.size() / seconds, rss[epoch], jvm.totalMemory() >> 20);
        }
        boolean ok = true;
        if (minAccuracy > 0 && accuracy < minAccuracy) {
            System.out.printf("FAIL: test accuracy %.2f%% is below %.2f%%%n", 100 * accuracy, 100 * minAccuracy);
            ok = false;
        }
        if (maxGrowth >= 0 && epochs > memoryFrom) {
            double growth = (double) rss[epochs] / rss[memoryFrom] - 1;
            System.out.printf("resident memory from epoch %d to %d: %d -> %d MiB (%+.1f%%, allowed %+.1f%%)%n",
                    memoryFrom, epochs, rss[memoryFrom], rss[epochs], 100 * growth, 100 * maxGrowth);
            ok &= growth <= maxGrowth;
        }
        if (!ok) {
            System.exit(1);
        }
    }

    /** The fraction of {@code test} the model classifies right: argmax of the logits against the labels. */
    static double accuracy(Module model, DataLoader test) {
        model.eval();
        long correct = 0;
        long seen = 0;
        try (NoGrad g = NoGrad.enter()) {
            for (Batch b : test) {
                correct += (long) model.call(b.inputs()).argmax(1).eq(b.labels()).sum().item();
                seen += b.size();
            }
        } finally {
            model.train();
        }
        return (double) correct / seen;
    }

    /** This process's resident memory (VmRSS) in MiB, or -1 where /proc is not readable. */
    static long residentMiB() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }
}
