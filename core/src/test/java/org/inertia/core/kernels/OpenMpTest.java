package org.inertia.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OpenMpTest {
    @Test
    void theCallingThreadsTeamSizeCanBeReadAndChanged() {
        int before = OpenMp.threads();
        try {
            OpenMp.setThreads(1);
            assertEquals(1, OpenMp.threads());
            OpenMp.setThreads(3);
            assertEquals(3, OpenMp.threads());
        } finally {
            OpenMp.setThreads(before);
        }
        assertEquals(before, OpenMp.threads());
    }

    @Test
    void fewerThanOneThreadIsRefused() {
        int before = OpenMp.threads();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenMp.setThreads(0));
        assertEquals("OpenMp: threads must be >= 1, got 0", e.getMessage());
        assertEquals(before, OpenMp.threads());
    }
}
