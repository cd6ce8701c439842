package org.inertia.examples;

import java.util.Locale;
import org.inertia.examples.cli.InertiaCommand;
import org.inertia.examples.cli.JitPolicy;

/** Entry point of {@code examples/target/inertia.jar}. */
public final class Main {
    /** JavaCPP's cap on the process's resident memory, checked at every native allocation. */
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");   // charts render to files, never to a screen
        turnOffPhysicalMemoryCheck();
        try {
            JitPolicy.applyFromSystemProperty();    // before the training code is hot enough to compile
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());   // as the commands report bad input
            System.exit(2);
        }
        System.exit(InertiaCommand.create().execute(args));
    }

    /**
     * JavaCPP enforces {@code maxPhysicalBytes} by reading /proc/self/statm, under a global lock, at every
     * native allocation (docs/performance.md, "Notes behind the code"). Inertia frees its
     * arrays itself, and JavaCPP's count of the bytes it allocated ({@code maxBytes}) still stops runaway
     * growth. A value given with {@code -D} wins. Must run before ND4J loads.
     */
    static void turnOffPhysicalMemoryCheck() {
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null
                && System.getProperty(MAX_PHYSICAL_BYTES.toLowerCase(Locale.ROOT)) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
    }
}
