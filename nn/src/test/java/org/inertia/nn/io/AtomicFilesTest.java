package org.inertia.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("last.ckpt");
        AtomicFiles.write(target, out -> out.write(new byte[] {1, 2, 3}));
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[] {9, 9});
            throw new IOException("disk full");
        }));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(0, AtomicFiles.removeLeftovers(dir));
    }

    @Test
    void leftoversOfAKilledWriterAreRemovedAndNothingElse() throws IOException {
        Files.write(dir.resolve(".last.ckpt.3kf9a0z.tmp"), new byte[] {1});   // what a SIGKILL mid-write leaves
        Files.write(dir.resolve("last.ckpt"), new byte[] {2});
        Files.write(dir.resolve("notes.tmp"), new byte[] {3});                // not the writer's pattern
        assertEquals(1, AtomicFiles.removeLeftovers(dir));
        assertFalse(Files.exists(dir.resolve(".last.ckpt.3kf9a0z.tmp")));
        assertTrue(Files.exists(dir.resolve("last.ckpt")) && Files.exists(dir.resolve("notes.tmp")));
        assertEquals(0, AtomicFiles.removeLeftovers(dir.resolve("missing")));
    }
}
