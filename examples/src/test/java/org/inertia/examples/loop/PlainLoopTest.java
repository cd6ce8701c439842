package org.inertia.examples.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.inertia.examples.CliRunner;
import org.junit.jupiter.api.Test;

/** The learner's loop, run as a learner runs it ({@code inertia loop}), must actually learn. */
class PlainLoopTest {
    @Test
    void oneEpochOfThePlainLoopReachesNinetySevenPercent() {
        CliRunner.Result r = CliRunner.run("loop", "--epochs", "1");
        assertEquals(0, r.exitCode(), r.err());
        Matcher m = Pattern.compile("epoch 1: test accuracy (\\d+\\.\\d+)%").matcher(r.out());
        assertTrue(m.find(), "no accuracy line in: " + r.out());
        double accuracy = Double.parseDouble(m.group(1));
        assertTrue(accuracy >= 97.0, "LeNet-5 after one epoch of the plain loop: " + accuracy + "%");
    }
}
