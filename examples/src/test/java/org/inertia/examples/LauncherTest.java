package org.inertia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./inertia} launcher's choices, read from the command line it would run: a stand-in for
 * {@code java} prints its arguments instead of starting a JVM.
 */
class LauncherTest {
    private static final Path LAUNCHER = Paths.get("..", "inertia").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private final int cores = Runtime.getRuntime().availableProcessors();

    @BeforeEach
    void needsSeveralCores() {
        assumeTrue(cores > 1, "the launcher's per-core choices need more than one core");
    }

    @Test
    void splitsBatchesAcrossTheCoresEvenWhenTheUserSetsOpenMpThreads() throws Exception {
        String line = launch(Map.of("OMP_NUM_THREADS", "1"));
        assertTrue(line.contains("-Dinertia.dataParallel=" + cores), line);
        assertTrue(line.contains("OMP_NUM_THREADS=1"), "the user's OpenMP threads are kept: " + line);
    }

    @Test
    void withoutSettingsLeavesOpenMpEveryCore() throws Exception {
        String line = launch(Map.of());
        assertTrue(line.contains("-Dinertia.dataParallel=" + cores), line);
        assertTrue(line.startsWith("OMP_NUM_THREADS= "), "libnd4j's default team, one thread per core: " + line);
    }

    /** Runs a copy of the launcher beside a dummy jar, with a stand-in java; returns its argument line. */
    private String launch(Map<String, String> env) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.copy(LAUNCHER, home.resolve("inertia"));
        Files.createDirectories(home.resolve("examples/target"));
        Files.createFile(home.resolve("examples/target/inertia.jar"));
        Path java = dir.resolve("fake-java");
        Files.writeString(java, "#!/bin/sh\necho \"OMP_NUM_THREADS=$OMP_NUM_THREADS $*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("sh", home.resolve("inertia").toString(), "info");
        pb.environment().keySet().removeAll(Set.of("OMP_NUM_THREADS", "OMP_THREAD_LIMIT", "INERTIA_JAVA_OPTS"));
        pb.environment().putAll(env);
        pb.environment().put("JAVA", java.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the launcher did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
