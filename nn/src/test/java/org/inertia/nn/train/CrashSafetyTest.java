package org.inertia.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.inertia.core.Tensor;
import org.inertia.nn.io.Checkpoint;
import org.inertia.nn.io.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training in a child JVM killed with SIGKILL at many points — some at random moments, some exactly
 * while a checkpoint is being written (the parent watches for the writer's temporary file) — always
 * leaves a last checkpoint that loads, and resuming from it reaches bit for bit the weights of an
 * uninterrupted run.
 */
class CrashSafetyTest {
    private static final int EPOCHS = 12;
    private static final int KILLS = 10;

    @TempDir
    Path tmp;

    private static Process start(Path dir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            CrashChild.class.getName(), dir.toString(), Integer.toString(EPOCHS));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    /** Waits for the child's "training" line (start-up is over); false if it ended first. */
    private static boolean awaitTraining(BufferedReader out) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("training")) {
                return true;
            }
        }
        return false;
    }

    /** Nanoseconds from the last uninterrupted child's "training" line to its exit: the span kills are drawn from. */
    private static long trainingNanos;

    private static Map<String, Tensor> runToCompletion(Path dir) throws Exception {
        Process p = start(dir);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        awaitTraining(out);
        long started = System.nanoTime();
        out.transferTo(java.io.Writer.nullWriter());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child did not finish");
        assertEquals(0, p.exitValue(), "the child failed (resume from " + dir + ")");
        trainingNanos = System.nanoTime() - started;
        return SafeTensors.read(dir.resolve("final.safetensors")).tensors();
    }

    private static List<String> tempFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }

    private static boolean hasTempFile(Path dir) throws IOException {
        return !tempFiles(dir).isEmpty();
    }

    @Test
    void killedAnywhereTheLastCheckpointLoadsAndResumingReachesTheSameWeights() throws Exception {
        Map<String, Tensor> reference = runToCompletion(tmp.resolve("uninterrupted"));
        long span = trainingNanos;
        Random random = new Random(2026);
        int duringWrites = 0;
        int withCheckpoint = 0;
        for (int k = 0; k < KILLS; k++) {
            Path dir = tmp.resolve("killed-" + k);
            Files.createDirectories(dir);
            Process p = start(dir);
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertTrue(awaitTraining(out), "the child ended before training");
            boolean inWrite = false;
            if (k % 2 == 0) {
                // Wait until the n-th checkpoint write is in progress (its temporary file exists), then kill.
                int target = 1 + random.nextInt(EPOCHS - 1);
                java.util.Set<String> seen = new java.util.HashSet<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (p.isAlive() && seen.size() < target && System.nanoTime() < deadline) {
                    seen.addAll(tempFiles(dir));
                }
                p.destroyForcibly();                                   // SIGKILL
                p.waitFor(30, TimeUnit.SECONDS);
                inWrite = hasTempFile(dir);
            } else {
                TimeUnit.NANOSECONDS.sleep((long) (random.nextDouble() * span));   // anywhere in the run
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            duringWrites += inWrite ? 1 : 0;

            Path last = dir.resolve(Checkpointer.LAST);
            if (Files.exists(last)) {
                withCheckpoint++;
                Checkpoint c = Checkpoint.load(last);                  // the latest complete checkpoint loads
                assertTrue(c.epoch() >= 1 && c.epoch() <= EPOCHS, "epoch " + c.epoch());
            }
            Map<String, Tensor> resumed = runToCompletion(dir);
            assertTrue(tempFiles(dir).isEmpty(), "resuming removes the killed writer's temporary file");
            for (Map.Entry<String, Tensor> e : reference.entrySet()) {
                assertArrayEquals(e.getValue().toDoubleArray(), resumed.get(e.getKey()).toDoubleArray(),
                    "kill " + k + (inWrite ? " (during a checkpoint write)" : "") + ": " + e.getKey()
                        + " differs from the uninterrupted run");
            }
        }
        // The kills must have exercised the interesting cases, not only "before the first checkpoint".
        assertTrue(duringWrites >= 1, "no kill landed inside a checkpoint write");
        assertTrue(withCheckpoint >= KILLS / 2, "too few kills after a checkpoint existed: " + withCheckpoint);
        System.out.println("crash safety: " + KILLS + " kills, " + duringWrites + " during checkpoint writes, "
            + withCheckpoint + " with a checkpoint to resume from; all " + reference.size() + " tensors equal after resuming");
    }
}
