package org.inertia.nn.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use Inertia in your project" program is samples/QuickStart.java verbatim, which CI builds
 * against the installed artifacts and runs: the program a reader copies is one that works.
 */
class ReadmeQuickStartTest {
    @Test
    void theReadmeShowsTheSampleVerbatim() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String sample = Files.readString(Path.of("..", "samples", "src", "main", "java", "org", "inertia", "samples",
                "QuickStart.java")).strip();
        assertTrue(readme.contains("```java\n" + sample + "\n```"), "README.md must show QuickStart.java verbatim");
        assertTrue(sample.lines().count() <= 40, "the quick start is at most 40 lines, got " + sample.lines().count());
    }
}
