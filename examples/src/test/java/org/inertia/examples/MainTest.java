package org.inertia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MainTest {
    private static final String LOWER = "org.bytedeco.javacpp.maxphysicalbytes";
    private String savedCamel;
    private String savedLower;

    @BeforeEach
    void save() {
        savedCamel = System.clearProperty(Main.MAX_PHYSICAL_BYTES);
        savedLower = System.clearProperty(LOWER);
    }

    @AfterEach
    void restore() {
        restore(Main.MAX_PHYSICAL_BYTES, savedCamel);
        restore(LOWER, savedLower);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void physicalMemoryCheckIsOffByDefault() {
        Main.turnOffPhysicalMemoryCheck();
        assertEquals("0", System.getProperty(Main.MAX_PHYSICAL_BYTES));
    }

    @Test
    void aValueGivenByTheUserWinsInEitherSpelling() {
        System.setProperty(Main.MAX_PHYSICAL_BYTES, "4g");
        Main.turnOffPhysicalMemoryCheck();
        assertEquals("4g", System.getProperty(Main.MAX_PHYSICAL_BYTES));

        System.clearProperty(Main.MAX_PHYSICAL_BYTES);
        System.setProperty(LOWER, "2g");
        Main.turnOffPhysicalMemoryCheck();
        assertEquals(null, System.getProperty(Main.MAX_PHYSICAL_BYTES));
        assertEquals("2g", System.getProperty(LOWER));
    }
}
