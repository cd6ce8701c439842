package org.inertia.nn.train.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The switch's logic, on a simulated clock and compiler. */
class ThreadsAfterWarmupTest {
    private long nanos;
    private long compileMillis;
    private final List<Integer> set = new ArrayList<>();

    private ThreadsAfterWarmup schedule(int target) {
        return new ThreadsAfterWarmup(target, () -> nanos, () -> compileMillis, set::add);
    }

    /** One step of {@code millis} wall time during which the JIT compiled for {@code compiling} ms. */
    private void step(ThreadsAfterWarmup s, long millis, long compiling) {
        nanos += millis * 1_000_000;
        compileMillis += compiling;
        s.afterStep();
    }

    @Test
    void switchesOnlyOnceTheCompilerHasQuietedAndOnlyOnce() {
        ThreadsAfterWarmup s = schedule(2);
        for (int i = 0; i < 300; i++) {
            step(s, 10, 8);                                    // 3 s of busy compilation
        }
        assertFalse(s.switchIfSettled(), "the JIT is still compiling");
        for (int i = 0; i < 99; i++) {
            step(s, 10, 0);
        }
        assertFalse(s.switchIfSettled(), "no quiet window has completed yet");
        step(s, 10, 0);                                        // a full quiet second
        assertTrue(s.switchIfSettled());
        assertEquals(List.of(2), set);
        assertTrue(s.switched());
        step(s, 10, 0);
        assertFalse(s.switchIfSettled(), "switches once");
        assertEquals(List.of(2), set);
    }

    @Test
    void aLittleCompilationStillCountsAsSettled() {
        ThreadsAfterWarmup s = schedule(4);
        for (int i = 0; i < 100; i++) {
            step(s, 10, i % 5 == 0 ? 10 : 0);                  // 200 ms of 1 s: below the 25% threshold
        }
        assertTrue(s.switchIfSettled());
        assertEquals(List.of(4), set);
    }

    @Test
    void offWhenTheTargetIsZero() {
        ThreadsAfterWarmup s = schedule(0);
        for (int i = 0; i < 500; i++) {
            step(s, 10, 0);
        }
        assertFalse(s.switchIfSettled());
        assertTrue(set.isEmpty());
    }

    @Test
    void badSettingsAreRefusedNamingTheProperty() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> schedule(-1));
        assertEquals("inertia.threadsAfterWarmup must be >= 0 (0: off), got -1", negative.getMessage());
        String saved = System.getProperty(ThreadsAfterWarmup.PROPERTY);
        try {
            System.setProperty(ThreadsAfterWarmup.PROPERTY, "two");
            IllegalArgumentException text = assertThrows(IllegalArgumentException.class, ThreadsAfterWarmup::fromSystemProperty);
            assertEquals("inertia.threadsAfterWarmup must be a whole number of threads, got 'two'", text.getMessage());
            System.clearProperty(ThreadsAfterWarmup.PROPERTY);
            assertFalse(ThreadsAfterWarmup.fromSystemProperty().switchIfSettled(), "absent: off");
        } finally {
            if (saved == null) {
                System.clearProperty(ThreadsAfterWarmup.PROPERTY);
            } else {
                System.setProperty(ThreadsAfterWarmup.PROPERTY, saved);
            }
        }
    }
}
