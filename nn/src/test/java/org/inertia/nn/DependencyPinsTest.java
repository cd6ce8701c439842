package org.inertia.nn;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.lang3.StringUtils;
import org.junit.jupiter.api.Test;

/** Versions the parent pom pins for speed, as seen on the classpath of nn (and so of examples). */
class DependencyPinsTest {
    /**
     * ND4J calls commons-lang3's {@code RandomUtils.nextInt} for every buffer it allocates. From lang3
     * 3.16 on that draws from a strong {@code SecureRandom}; commons-compress 1.27+ would pull such a
     * version in. The pom pins compress 1.26.2 and lang3 3.14 (docs/performance.md, "commons-lang3").
     */
    @Test
    void commonsLangRandomUtilsIsTheCheapOne() {
        // RandomUtils itself is deprecated in 3.14; any class of the jar tells its version.
        String version = StringUtils.class.getPackage().getImplementationVersion();
        assertNotNull(version, "commons-lang3 has no Implementation-Version in its manifest");
        String[] parts = version.split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        assertTrue(major == 3 && minor < 16, "commons-lang3 " + version + " is on the classpath; from 3.16 on its "
                + "RandomUtils, which ND4J calls for every buffer, draws from a strong SecureRandom. Keep the pom's "
                + "commons-lang3 pin below 3.16 (and commons-compress at a version that accepts it)");
    }
}
