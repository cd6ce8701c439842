package org.inertia.examples.cli;

import java.util.List;
import java.util.function.Function;
import org.inertia.examples.studio.StudioServer;

/** The trace command as the studio calls it, for code outside this package (the studio's tests). */
public final class StudioAccess {
    private StudioAccess() {
    }

    /** Runs {@code inertia trace ARGS} in this process: its CSV, or its error message. */
    public static Function<List<String>, StudioServer.TraceAnswer> trace() {
        return StudioCommand::trace;
    }
}
