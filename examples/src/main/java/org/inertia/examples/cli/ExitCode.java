package org.inertia.examples.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code inertia} command's exit codes: one list, which the help and the README's table show. */
public enum ExitCode {
    /** Done. */
    OK(0, "done; also --resume of a run that is already complete"),
    /** A bug. */
    FAILURE(1, "an unexpected error (a bug: please report it with the stack trace)"),
    /** Bad arguments or input. */
    USAGE(2, "bad arguments or input: the message names the option or file and what was expected"),
    /** The loss became NaN or infinite. */
    DIVERGED(3, "training diverged (the loss became NaN or infinite); the last good checkpoint is kept"),
    /** A file could not be read or written. */
    IO(4, "an I/O error — out of space, permission denied, read-only file system — named with the path; the last "
            + "complete checkpoint is kept"),
    /** A download failed. */
    NETWORK(5, "a download failed: the message names the URL and the cause (name not resolved, no route, refused, "
            + "timed out, HTTP status)"),
    /** Another process writes the run directory. */
    LOCKED(6, "the run directory is being written by another training run, named in the message; nothing was changed"),
    /** Stopped by SIGINT (Ctrl-C). */
    SIGINT(130, "stopped by SIGINT (Ctrl-C) after a checkpoint at the current step; --resume continues"),
    /** Stopped by SIGTERM. */
    SIGTERM(143, "stopped by SIGTERM after a checkpoint at the current step; --resume continues");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** What it means, for the help and the README. */
    public String meaning() {
        return meaning;
    }

    /** For picocli's exit-code list in the help: code → meaning. */
    static Map<String, String> helpList() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ExitCode c : values()) {
            out.put(String.format("%3d", c.code), c.meaning);
        }
        return out;
    }
}
