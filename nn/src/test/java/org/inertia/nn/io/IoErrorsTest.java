package org.inertia.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** The operating system's failures, as the JDK reports them, are named by their cause with the path. */
class IoErrorsTest {
    @Test
    void outOfSpacePermissionAndReadOnlyAreNamedWithThePath() {
        assertEquals("out of space: the disk is full (/runs/x/.last.ckpt.1.tmp)", IoErrors.describe(
            new FileSystemException("/runs/x/.last.ckpt.1.tmp", null, "No space left on device")));
        assertEquals(IoErrors.Cause.OUT_OF_SPACE, IoErrors.cause(new IOException("No space left on device")));
        assertEquals(IoErrors.Cause.OUT_OF_SPACE, IoErrors.cause(new IOException("Disk quota exceeded")));
        assertEquals("permission denied (/runs/x)", IoErrors.describe(new AccessDeniedException("/runs/x")));
        assertEquals("read-only file system (/mnt/ro/run)", IoErrors.describe(
            new FileSystemException("/mnt/ro/run", null, "Read-only file system")));
        assertEquals("no such file or directory (/nope)", IoErrors.describe(new NoSuchFileException("/nope")));
        assertEquals(IoErrors.Cause.OUT_OF_SPACE, IoErrors.cause(new UncheckedIOException("cannot save",
            new IOException("No space left on device"))), "found in the causes");
        assertEquals("something else", IoErrors.describe(new IOException("something else")));
    }
}
