package org.inertia.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.inertia.examples.Main;
import org.inertia.examples.cli.JitPolicy.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code -Dinertia.jit}: its values, and the quick directives as this JVM's compiler reads them. */
class JitPolicyTest {
    private String saved;

    @BeforeEach
    void save() {
        saved = System.clearProperty(JitPolicy.PROPERTY);
        JitPolicy.diagnosticCommand("compilerDirectivesClear");
    }

    @AfterEach
    void restore() {
        JitPolicy.diagnosticCommand("compilerDirectivesClear");   // the other tests run with the default compiler
        if (saved == null) {
            System.clearProperty(JitPolicy.PROPERTY);
        } else {
            System.setProperty(JitPolicy.PROPERTY, saved);
        }
    }

    @Test
    void absentOrDefaultLeavesTheCompilerAlone() {
        assertEquals(Mode.DEFAULT, JitPolicy.applyFromSystemProperty());
        System.setProperty(JitPolicy.PROPERTY, "Default");
        assertEquals(Mode.DEFAULT, JitPolicy.applyFromSystemProperty());
        assertFalse(JitPolicy.quickInstalled());
        assertTrue(JitPolicy.describe().startsWith("HotSpot's default"), JitPolicy.describe());
    }

    @Test
    void quickInstallsDirectivesThatKeepC2ForTheLoopsOnly() {
        System.setProperty(JitPolicy.PROPERTY, " quick ");
        assertEquals(Mode.QUICK, JitPolicy.applyFromSystemProperty());
        assertTrue(JitPolicy.quickInstalled());
        String directives = JitPolicy.diagnosticCommand("compilerDirectivesPrint");
        assertTrue(directives.contains("org/inertia/optim/kernels/FusedAdam.*"), directives);
        assertTrue(directives.contains("org/inertia/core/kernels/SmallArrays.*"), directives);
        assertTrue(directives.contains("Exclude:true"), "everything else is kept from C2: " + directives);
        assertTrue(JitPolicy.describe().startsWith("quick"), JitPolicy.describe());

        JitPolicy.applyFromSystemProperty();                    // a second call adds nothing
        String again = JitPolicy.diagnosticCommand("compilerDirectivesPrint");
        assertEquals(count(directives, "org/inertia/optim/kernels/FusedAdam.*"), count(again, "org/inertia/optim/kernels/FusedAdam.*"));
    }

    @Test
    void anUnknownValueIsRefusedNamingTheChoicesAndInstallsNothing() {
        System.setProperty(JitPolicy.PROPERTY, "fast");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, JitPolicy::applyFromSystemProperty);
        assertEquals("inertia.jit must be 'default' or 'quick', got 'fast'", e.getMessage());
        assertFalse(JitPolicy.quickInstalled());
    }

    @Test
    void theCommandRefusesAnUnknownValueAtStartWithExitCode2() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + JitPolicy.PROPERTY + "=fast", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "info");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command did not exit");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), out);
        assertEquals("error: inertia.jit must be 'default' or 'quick', got 'fast'", out.strip());
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
