package org.inertia.examples.cli;

import java.util.List;
import org.inertia.examples.studio.TraceOption;
import org.inertia.examples.studio.TraceService;

/** The trace command as the studio calls it (the studio command and the studio's tests). */
public final class StudioAccess {
    private StudioAccess() {
    }

    /** Runs {@code inertia trace ARGS} in this process and describes its options. */
    public static TraceService trace() {
        List<TraceOption> options = TraceOptionCatalog.describe();
        return new TraceService() {
            @Override
            public Answer run(List<String> args) {
                return StudioCommand.trace(args);
            }

            @Override
            public List<TraceOption> options() {
                return options;
            }
        };
    }
}
