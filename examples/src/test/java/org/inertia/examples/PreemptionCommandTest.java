package org.inertia.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.inertia.examples.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The train command under preemption and contention, as a scheduler, a retry loop and a second shell
 * would drive it: SIGTERM at random moments and during checkpoint writes, resume of a finished run, a
 * second writer, a stale lock, a full and a read-only disk.
 */
class PreemptionCommandTest {
    /** A small job: 94 batches per epoch, 4 epochs. */
    private static final String[] JOB = {"train", "--model", "mlp", "--epochs", "4", "--train-limit", "6000",
        "--test-limit", "300", "--no-progress"};
    private static final Pattern STOPPED = Pattern.compile("SIGTERM: training stopped in epoch (\\d) at step (\\d+)");

    @TempDir
    Path tmp;

    private static List<String> job(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of(JOB));
        args.addAll(List.of("--out", out.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static Process start(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int finish(Process p) throws InterruptedException {
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the command did not exit");
        return p.exitValue();
    }

    /** Waits until the child holds the run's lock (it loads the data and trains next); false if it ended first. */
    private static boolean awaitRun(Process p, Path run) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(run.resolve(".lock"))) {
                return true;
            }
            Thread.sleep(2);
        }
        return p.isAlive();
    }

    /** Waits (up to limitMillis) for a checkpoint's temporary file to appear: a write in progress. */
    private static void awaitCheckpointWrite(Path checkpoints, long limitMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMillis);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(checkpoints)) {
                try (Stream<Path> s = Files.list(checkpoints)) {
                    if (s.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"))) {
                        return;
                    }
                }
            }
            Thread.sleep(0, 200_000);
        }
    }

    @Test
    void sigtermAtManyPointsLosesNothingAndTheResumedRunIsBitIdentical() throws Exception {
        Path straight = tmp.resolve("straight");
        assertEquals(0, finish(start(job(straight), tmp.resolve("straight.log"))));
        byte[] expected = Files.readAllBytes(straight.resolve("model.safetensors"));

        Path run = tmp.resolve("preempted");
        Random random = new Random(42);
        int stops = 0;
        int midEpoch = 0;
        boolean duringWrite = false;
        for (int attempt = 0; attempt < 40; attempt++) {
            Path log = tmp.resolve("attempt" + attempt + ".log");
            Process p = start(attempt == 0 ? job(run) : job(run, "--resume"), log);
            if (stops < 12 && awaitRun(p, run)) {
                if (stops % 3 == 2) {
                    awaitCheckpointWrite(run.resolve("checkpoints"), 3000);     // during a checkpoint write
                    duringWrite = true;
                } else {
                    Thread.sleep(100 + random.nextInt(500));                   // loading, training or evaluating
                }
                p.destroy();                                                      // SIGTERM
            }
            int code = finish(p);
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (code == 0) {
                assertTrue(out.contains("test accuracy") || out.contains("the run is complete"), out);
                break;
            }
            assertEquals(143, code, out);
            Matcher m = STOPPED.matcher(out);
            assertTrue(m.find(), "one line naming SIGTERM, the epoch and the step: " + out);
            assertTrue(out.contains("--resume"), out);
            stops++;
            System.out.println("stop " + stops + ": " + m.group());
            midEpoch += out.contains("(batch ") ? 1 : 0;
            try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
                assertFalse(s.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no half-written file left");
            }
        }
        assertTrue(stops >= 10, "stopped " + stops + " times");
        assertTrue(midEpoch >= 3, "stopped mid-epoch " + midEpoch + " times");
        assertTrue(duringWrite);
        assertArrayEquals(expected, Files.readAllBytes(run.resolve("model.safetensors")),
            "after " + stops + " stops the weights are bit-identical to the uninterrupted run's");
        assertFalse(Files.exists(run.resolve(".lock")), "the lock is released");
    }

    @Test
    void sigintStopsWithExitCode130() throws Exception {
        Path run = tmp.resolve("interrupted");
        Path log = tmp.resolve("interrupted.log");
        Process p = start(job(run), log);
        assertTrue(awaitRun(p, run));
        Thread.sleep(700);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
        assertEquals(130, finish(p), Files.readString(log));
        assertTrue(Files.readString(log).matches("(?s).*SIGINT: training stopped in epoch \\d at step \\d+.*"),
            Files.readString(log));
    }

    @Test
    void aSecondSignalEndsAtOnceAndTheLastCompleteCheckpointStillLoads() throws Exception {
        Path run = tmp.resolve("twice");
        Process p = start(job(run), tmp.resolve("twice.log"));
        assertTrue(awaitRun(p, run));
        awaitCheckpointWrite(run.resolve("checkpoints"), 5000);
        p.destroy();
        p.destroy();                    // the second SIGTERM while the first one's checkpoint is being written
        assertEquals(143, finish(p), Files.readString(tmp.resolve("twice.log")));
        Path last = run.resolve("checkpoints/last.ckpt");
        if (Files.exists(last)) {
            org.inertia.nn.io.Checkpoint.load(last);                            // whole, whichever one it is
        }
        CliRunner.Result resumed = CliRunner.run(job(run, "--resume").toArray(String[]::new));
        assertTrue(resumed.exitCode() == 0 || Files.notExists(last), resumed.err());
    }

    private static Map<String, FileTime> mtimes(Path dir) throws IOException {
        Map<String, FileTime> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                out.put(dir.relativize(p).toString(), Files.getLastModifiedTime(p));
            }
        }
        return out;
    }

    @Test
    void resumingAFinishedRunSaysSoExitsZeroAndRewritesNothing() throws IOException {
        Path run = tmp.resolve("done");
        assertEquals(0, CliRunner.run(job(run).toArray(String[]::new)).exitCode());
        Map<String, FileTime> before = mtimes(run);
        CliRunner.Result again = CliRunner.run(job(run, "--resume").toArray(String[]::new));
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("the run is complete (4 epochs); nothing to do"), again.out());
        assertEquals(before, mtimes(run));
    }

    @Test
    void aSecondWriterIsRefusedNamingTheHolderAndChangesNothing() throws Exception {
        Path run = tmp.resolve("busy");
        Path log = tmp.resolve("busy.log");
        // 30 epochs: still training while the others try; stopped at the end
        Process holder = start(new ArrayList<>(List.of("train", "--model", "mlp", "--epochs", "30", "--train-limit",
            "3000", "--test-limit", "300", "--no-progress", "--out", run.toString())), log);
        try {
            assertTrue(awaitRun(holder, run));
            while (!Files.exists(run.resolve("metrics.csv")) && holder.isAlive()) {
                Thread.sleep(10);
            }
            for (String[] how : new String[][] {{}, {"--overwrite"}, {"--resume"}}) {
                Map<String, FileTime> before = mtimes(run);
                List<String> args = job(run, how);
                args.set(args.indexOf("--epochs") + 1, "30");
                CliRunner.Result second = CliRunner.run(args.toArray(String[]::new));
                assertEquals(ExitCode.LOCKED.code(), second.exitCode(), second.err());
                assertTrue(second.err().contains("is being written by another training run (process "
                    + holder.pid() + " on host"), second.err());
                Map<String, FileTime> after = mtimes(run);
                before.forEach((f, t) -> {
                    if (!f.equals("") && !f.startsWith("checkpoints") && !f.endsWith(".png") && !f.equals("metrics.csv")) {
                        assertEquals(t, after.get(f), f + " was touched");
                    }
                });
                assertTrue(Files.exists(run.resolve("config.json")));
            }
        } finally {
            holder.destroy();
            finish(holder);
        }
    }

    @Test
    void aLockLeftByAProcessThatEndedIsTakenOver() throws IOException {
        Path run = tmp.resolve("stale");
        Files.createDirectories(run);
        Files.writeString(run.resolve(".lock"), "process 999999 on host gone since 2026-01-01T00:00:00Z\n");
        CliRunner.Result r = CliRunner.run(job(run).toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.exists(run.resolve("model.safetensors")));
        assertFalse(Files.exists(run.resolve(".lock")));
    }

    /** Mounts a tmpfs of {@code size} at {@code dir} (root only); false where that is not possible. */
    private static boolean mount(Path dir, String options) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
            .redirectErrorStream(true).start();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** Unmounts; a file the command left open would make this fail, so it is checked. */
    private static void unmount(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start();
        boolean done = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (!done) {
            new ProcessBuilder("umount", "-l", dir.toString()).start().waitFor(20, TimeUnit.SECONDS);
        }
        assertTrue(done, "the file system is still busy: the command left a file open on it");
    }

    @Test
    void aFullDiskIsNamedWithItsOwnExitCodeAndTheLastCompleteCheckpointSurvives() throws Exception {
        Path disk = tmp.resolve("small");
        // Sized to hold the first epoch's checkpoints but not the second's temporary file (docs/performance.md).
        assumeTrue(mount(disk, "size=12m"), "skipped: cannot mount a small tmpfs here (needs root)");
        try {
            Path run = disk.resolve("run");
            CliRunner.Result r = CliRunner.run(job(run).toArray(String[]::new));
            assertEquals(ExitCode.IO.code(), r.exitCode(), r.err());
            assertTrue(r.err().contains("cannot save a checkpoint in " + run.resolve("checkpoints"))
                && r.err().contains("out of space") && r.err().contains("the previous last.ckpt is intact"), r.err());
            assertEquals(1, org.inertia.nn.io.Checkpoint.load(run.resolve("checkpoints/last.ckpt")).epoch(),
                "the first epoch's checkpoint survives and loads");
        } finally {
            unmount(disk);
        }
    }

    @Test
    void aReadOnlyDiskIsNamed() throws Exception {
        Path disk = tmp.resolve("ro");
        assumeTrue(mount(disk, "size=1m,ro"), "skipped: cannot mount a read-only tmpfs here (needs root)");
        try {
            CliRunner.Result r = CliRunner.run(job(disk.resolve("run")).toArray(String[]::new));
            assertEquals(ExitCode.IO.code(), r.exitCode(), r.err());
            assertTrue(r.err().contains("read-only file system") && r.err().contains(disk.toString()), r.err());
        } finally {
            unmount(disk);
        }
    }

    @Test
    void theReadmeListsEveryExitCode() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (ExitCode c : ExitCode.values()) {
            assertTrue(readme.contains("| " + c.code() + " | " + c.meaning() + " |"), "README lacks exit code " + c.code());
        }
    }
}
