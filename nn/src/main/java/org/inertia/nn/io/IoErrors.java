package org.inertia.nn.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * What went wrong in an I/O error, in words a user can act on. The JDK reports out-of-space, permission
 * and read-only failures as plain {@link IOException}s or {@link FileSystemException}s carrying the
 * operating system's text ("No space left on device"); this names the cause first and keeps the path.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** The kinds of failure worth telling apart. */
    public enum Cause {
        /** The disk (or the user's quota) is full. */
        OUT_OF_SPACE("out of space: the disk is full"),
        /** The process may not write (or read) there. */
        PERMISSION_DENIED("permission denied"),
        /** The file system is mounted read-only. */
        READ_ONLY("read-only file system"),
        /** A file or directory does not exist. */
        NOT_FOUND("no such file or directory"),
        /** Anything else: the exception's own text says it. */
        OTHER("I/O error");

        private final String words;

        Cause(String words) {
            this.words = words;
        }

        /** A short phrase for the cause, e.g. "out of space: the disk is full". */
        public String words() {
            return words;
        }
    }

    /** The cause of {@code e}, from its type or from the operating system's message in it or its causes. */
    public static Cause cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AccessDeniedException) {
                return Cause.PERMISSION_DENIED;
            }
            if (t instanceof NoSuchFileException) {
                return Cause.NOT_FOUND;
            }
            if (t instanceof java.nio.file.ReadOnlyFileSystemException) {
                return Cause.READ_ONLY;
            }
            String text = (t instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : String.valueOf(t.getMessage())).toLowerCase(Locale.ROOT);
            if (text.contains("no space left") || text.contains("disk quota exceeded") || text.contains("not enough space")) {
                return Cause.OUT_OF_SPACE;
            }
            if (text.contains("read-only file system")) {
                return Cause.READ_ONLY;
            }
            if (text.contains("permission denied") || text.contains("operation not permitted")) {
                return Cause.PERMISSION_DENIED;
            }
        }
        return Cause.OTHER;
    }

    /**
     * "out of space: the disk is full (/runs/x/checkpoints/.last.ckpt.1a2b.tmp)": the cause, then the file
     * the error names; for other errors the exception's own message.
     */
    public static String describe(IOException e) {
        Cause cause = cause(e);
        String file = e instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() : null;
        if (cause == Cause.OTHER) {
            return e.getMessage() != null ? e.getMessage() : e.toString();
        }
        return cause.words() + (file != null ? " (" + file + ")" : "");
    }
}
