package org.inertia.core;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every gradient check of {@link GradientCheckTest} again with fast paths off: the readable forms. */
class GradientCheckReferenceTest extends GradientCheckTest {
    private static boolean previous;

    @BeforeAll
    static void readableFormsOnly() {
        previous = FastPaths.setEnabled(false);
    }

    @AfterAll
    static void restoreFastPaths() {
        FastPaths.setEnabled(previous);
    }
}
