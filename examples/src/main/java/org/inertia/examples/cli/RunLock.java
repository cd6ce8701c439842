package org.inertia.examples.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per run directory: {@code train} holds an operating-system lock on {@code DIR/.lock} for
 * the whole run, and writes into the file which process holds it (pid, host, since when). A second
 * writer is refused with that holder named, before it touches anything. The operating system releases
 * the lock when its holder dies however it dies, so a lock file whose lock is free was left behind by a
 * process that no longer exists: it is taken over, and the log says so. Readers (compare, the studio)
 * never take it.
 */
final class RunLock implements AutoCloseable {
    /** The lock file's name in the run directory; it is not part of the run. */
    static final String FILE = ".lock";

    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final java.util.List<Path> created;     // directories this lock made, deepest first

    /** Thrown when another process holds the lock. */
    static final class Held extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Held(String message) {
            super(message);
        }
    }

    private RunLock(Path file, FileChannel channel, FileLock lock, java.util.List<Path> created) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.created = created;
    }

    /** Takes the lock of run directory {@code dir} (created if missing), or throws {@link Held} naming its holder. */
    static RunLock acquire(Path dir) throws IOException {
        java.util.List<Path> created = new java.util.ArrayList<>();
        for (Path d = dir.toAbsolutePath(); d != null && !Files.exists(d); d = d.getParent()) {
            created.add(d);
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;                                    // this very process holds it already
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        String holder = read(channel);
        if (lock == null) {
            channel.close();
            removeEmpty(created);
            throw new Held(dir + " is being written by another training run (" + (holder.isEmpty() ? "holder unknown"
                    : holder) + "); nothing was changed. Wait for it to finish, stop it, or choose another --out");
        }
        if (!holder.isEmpty()) {
            LOG.warn("{}: taking over the lock left by {}, which no longer holds it (that process has ended)", dir,
                    holder);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((describeThisProcess() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return new RunLock(file, channel, lock, created);
    }

    /** "process 1234 on host example since 2026-12-07T10:00:00Z". */
    static String describeThisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return "process " + ProcessHandle.current().pid() + " on host " + host + " since "
                + Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
    }

    /**
     * Releases the lock and removes the file (a crash leaves the file, which the next run takes over), and
     * the directories the lock created if nothing was written into them (a refused command leaves nothing).
     */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
                removeEmpty(created);
            }
        }
    }

    private static void removeEmpty(java.util.List<Path> dirs) throws IOException {
        for (Path d : dirs) {
            try (java.util.stream.Stream<Path> s = Files.list(d)) {
                if (s.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(d);
        }
    }
}
