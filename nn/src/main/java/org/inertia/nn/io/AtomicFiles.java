package org.inertia.nn.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old complete file or the new complete file, never a
 * half-written one: write a temporary file in the same directory, flush it to disk, rename it over
 * the target, then flush the directory entry. A crash at any point leaves the previous file intact.
 */
public final class AtomicFiles {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private AtomicFiles() {
    }

    /** Writes the bytes {@code body} produces. */
    @FunctionalInterface
    public interface Body {
        /** Writes the file's bytes to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically: to a temporary file beside it, flushed and fsynced, then renamed over it (and the directory fsynced), so a crash leaves the old file or the new one, never half of one. */
    public static void write(Path target, Body body) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: that makes owner-only (0600) files; CREATE_NEW keeps the umask's mode.
        Path tmp = dir.resolve("." + absolute.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                // Writers such as Jackson close the stream they are given; the file must stay open for fsync.
                body.writeTo(new java.io.FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        out.flush();
                    }
                });
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Deletes the temporary files that writes into {@code dir} left behind when the process was killed
     * mid-write ({@code .NAME.RANDOM.tmp}); returns how many. Safe only when nothing is writing there.
     */
    public static int removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().matches("\\..+\\.[0-9a-z]+\\.tmp") && Files.isRegularFile(f)) {
                    Files.delete(f);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Makes the rename itself durable (POSIX); a no-op where directories cannot be opened. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported on this platform (e.g. Windows); the rename is still atomic.
        }
    }
}
