package org.inertia.examples.studio;

import java.util.List;

/** The {@code trace} command as the studio calls it: run with flags, and describe its options. */
public interface TraceService {
    /** What {@code trace} printed, or the message it refused the flags with. */
    record Answer(boolean ok, String text) {
    }

    /** Runs {@code inertia trace ARGS} in this process. */
    Answer run(List<String> args);

    /** The options the playground offers, in the help's order. */
    List<TraceOption> options();
}
