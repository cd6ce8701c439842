package org.inertia.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Which code the JVM's optimising JIT compiler (C2) may compile: all of it (HotSpot's default), or,
 * with {@code -Dinertia.jit=quick}, only Inertia's numeric Java loops.
 *
 * <p>Why: a training step is mostly native calls (GEMMs, convolutions) strung together by Java glue:
 * building op contexts, creating ND4J arrays, walking the autograd graph. HotSpot first runs that glue
 * through C1 with profiling, then has C2 recompile it with ND4J's call trees inlined: seconds of CPU
 * that, on a two-core machine, the compiler takes from the training threads. In quick mode the glue is
 * compiled once by C1 (tier 1: optimised, not profiled), and C2 only compiles the loops that need its
 * vectorisation (Adam's update, the small-array kernels): the step reaches its steady-state time
 * sooner and the glue stays a little slower for the rest of the run, which pays for short runs only
 * (docs/performance.md, "Quick start").
 *
 * <p>The directives ({@code jit-quick.json} beside this class) are installed at start-up through
 * HotSpot's DiagnosticCommand MBean ({@code jcmd PID Compiler.directives_add} from inside), before any
 * training code is hot, rather than with {@code -XX:CompilerDirectivesFile}, which needs a diagnostic
 * flag and prints a line to standard output on every start.
 */
public final class JitPolicy {
    /** System property: {@code default} (absent) or {@code quick}. */
    public static final String PROPERTY = "inertia.jit";

    private static final String QUICK_DIRECTIVES = "jit-quick.json";
    private static final String DIAGNOSTIC_COMMANDS = "com.sun.management:type=DiagnosticCommand";
    /** A pattern only the quick directives match, to recognise them among the JVM's. */
    private static final String QUICK_MARK = "org/inertia/optim/kernels/FusedAdam.*";

    /** The policies {@value #PROPERTY} may name. */
    public enum Mode {
        /** HotSpot's tiered compilation, untouched. */
        DEFAULT,
        /** C1 for everything but Inertia's numeric loops. */
        QUICK
    }

    private JitPolicy() {
    }

    /** Installs the policy {@value #PROPERTY} names; a no-op when it is absent or {@code default}. */
    public static Mode applyFromSystemProperty() {
        Mode mode = parse(System.getProperty(PROPERTY));
        if (mode == Mode.QUICK && !quickInstalled()) {
            installQuick();
        }
        return mode;
    }

    /** The mode a value of {@value #PROPERTY} names (null: the default); any other value is refused. */
    static Mode parse(String value) {
        return switch (value == null ? "default" : value.strip().toLowerCase(Locale.ROOT)) {
            case "default" -> Mode.DEFAULT;
            case "quick" -> Mode.QUICK;
            default -> throw new IllegalArgumentException(PROPERTY + " must be 'default' or 'quick', got '" + value + "'");
        };
    }

    /** What {@code inertia info} prints for the JIT. */
    public static String describe() {
        return quickInstalled()
                ? "quick: C2 only for Inertia's numeric loops, C1 for the rest (" + PROPERTY + ")"
                : "HotSpot's default tiered compilation (" + PROPERTY + "=quick: shorter warm-up)";
    }

    /** Adds the quick directives to this JVM's compiler, or fails saying why. */
    private static void installQuick() {
        Path file = null;
        try (InputStream in = JitPolicy.class.getResourceAsStream(QUICK_DIRECTIVES)) {
            if (in == null) {
                throw new IllegalStateException(PROPERTY + "=quick: " + QUICK_DIRECTIVES + " is missing from the jar");
            }
            file = Files.createTempFile("inertia-jit-", ".json");   // the diagnostic command reads a file
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            String reply = diagnosticCommand("compilerDirectivesAdd", file.toString());
            if (!reply.toLowerCase(Locale.ROOT).contains("directives added")) {
                throw new IllegalStateException(PROPERTY + "=quick: the JVM refused " + QUICK_DIRECTIVES + ": " + reply.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(PROPERTY + "=quick: could not write the compiler directives to a temporary "
                    + "file", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless; the directives are installed or the error above says why
                }
            }
        }
    }

    /** Whether this JVM's compiler has the quick directives (asked of the JVM, so it is never stale). */
    static boolean quickInstalled() {
        try {
            return diagnosticCommand("compilerDirectivesPrint").contains(QUICK_MARK);
        } catch (IllegalStateException e) {
            return false;                                    // not HotSpot: nothing can have been installed
        }
    }

    /** Runs one of HotSpot's diagnostic commands (what {@code jcmd} runs) in this JVM; returns its output. */
    static String diagnosticCommand(String operation, String... arguments) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = new ObjectName(DIAGNOSTIC_COMMANDS);
            if (!server.isRegistered(name)) {
                throw new IllegalStateException(PROPERTY + "=quick needs HotSpot's compiler directives, which this JVM ("
                        + System.getProperty("java.vm.name") + ") does not offer; run without -D" + PROPERTY);
            }
            Object reply = server.invoke(name, operation, new Object[] {arguments}, new String[] {String[].class.getName()});
            return String.valueOf(reply);
        } catch (JMException e) {
            throw new IllegalStateException(PROPERTY + "=quick: the JVM's " + operation + " failed: " + e.getMessage(), e);
        }
    }
}
