package org.inertia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every numeric option of every command, given values outside its range (negative, zero where it
 * must be positive, too large, NaN, infinite, not a number): exit status 2 and a message on standard
 * error naming the option, before anything is written or trained.
 */
class BadArgumentsTest {
    @TempDir
    static Path tmp;

    /** A quick valid base for each command, so only the option under test is wrong. */
    private static String[] base(String command, Path out) {
        return switch (command) {
            case "train" -> new String[] {"train", "--model", "mlp", "--epochs", "1", "--train-limit", "64", "--test-limit",
                "64", "--no-progress", "--out", out.toString()};
            case "compare" -> new String[] {"compare", "--model", "mlp", "--epochs", "1", "--train-limit", "64",
                "--test-limit", "64", "--optimizers", "sgd,momentum", "--out", out.toString()};
            case "trace" -> new String[] {"trace", "--function", "rosenbrock", "--steps", "5", "--optimizer", "momentum"};
            case "bench" -> new String[] {"bench", "--workload", "mlp", "--steps", "1", "--warmup", "0"};
            case "loop" -> new String[] {"loop", "--epochs", "1"};
            default -> throw new IllegalArgumentException(command);
        };
    }

    /** option, bad values, and (when the option's name is not in it) the phrase the message must hold. */
    private record Bad(String command, String option, String[] values, String phrase) {
    }

    private static final String NOT_FINITE = "NaN";
    private static final String INF = "Infinity";

    private static List<Bad> table() {
        List<Bad> t = new ArrayList<>();
        for (String cmd : List.of("train", "compare")) {
            t.add(new Bad(cmd, "--epochs", new String[] {"0", "-1", "10001", "x"}, null));
            t.add(new Bad(cmd, "--batch-size", new String[] {"0", "-3", "x"}, null));
            t.add(new Bad(cmd, "--lr", new String[] {"-0.1", NOT_FINITE, INF}, "learning rate"));
            t.add(new Bad(cmd, "--momentum", new String[] {"-0.1", "1", "1.5", NOT_FINITE}, "momentum"));
            t.add(new Bad(cmd, "--dampening", new String[] {"-0.1", "1.5", NOT_FINITE}, "dampening"));
            t.add(new Bad(cmd, "--weight-decay", new String[] {"-1e-4", NOT_FINITE, INF}, "weight"));
            t.add(new Bad(cmd, "--eps", new String[] {"0", "-1e-8", NOT_FINITE}, "eps"));
            t.add(new Bad(cmd, "--alpha", new String[] {"-0.1", "1", NOT_FINITE}, "alpha"));
            t.add(new Bad(cmd, "--lr-step-epochs", new String[] {"0", "-2"}, null));
            t.add(new Bad(cmd, "--lr-gamma", new String[] {"0", "-0.5", "1.5", NOT_FINITE}, null));
            t.add(new Bad(cmd, "--warmup-steps", new String[] {"-1"}, null));
            t.add(new Bad(cmd, "--momentum-max", new String[] {"-0.1", "1", NOT_FINITE}, null));
            t.add(new Bad(cmd, "--restart-every", new String[] {"-1", "x"}, null));
            t.add(new Bad(cmd, "--clip-grad-norm", new String[] {"-1", NOT_FINITE, INF}, null));
            t.add(new Bad(cmd, "--label-smoothing", new String[] {"-0.1", "1.5", NOT_FINITE}, null));
            t.add(new Bad(cmd, "--train-limit", new String[] {"0", "-5"}, null));
            t.add(new Bad(cmd, "--test-limit", new String[] {"0", "-5"}, null));
            t.add(new Bad(cmd, "--diagnostics-every", new String[] {"0", "-1"}, null));
            t.add(new Bad(cmd, "--seed", new String[] {"x", "1.5"}, null));
        }
        t.add(new Bad("compare", "--target-accuracy", new String[] {"0", "-0.5", "1.5", NOT_FINITE}, null));
        t.add(new Bad("trace", "--steps", new String[] {"-1", "10000001", "x"}, null));
        t.add(new Bad("trace", "--lr", new String[] {"-1", NOT_FINITE}, "learning rate"));
        t.add(new Bad("trace", "--momentum", new String[] {"1", "-0.5"}, "momentum"));
        t.add(new Bad("trace", "--start", new String[] {"1", "1,2,3", "NaN,1", "a,b"}, null));
        t.add(new Bad("trace", "--lr-gamma", new String[] {"0", "-0.5", "1.5", NOT_FINITE}, null));
        t.add(new Bad("trace", "--warmup-steps", new String[] {"0", "-1"}, null));
        t.add(new Bad("trace", "--momentum-max", new String[] {"-0.1", "1", NOT_FINITE}, null));
        t.add(new Bad("trace", "--restart-every", new String[] {"-1", "x"}, null));
        t.add(new Bad("trace", "--lr-step-every", new String[] {"0", "-1"}, null));
        t.add(new Bad("bench", "--steps", new String[] {"0", "-1"}, null));
        t.add(new Bad("bench", "--warmup", new String[] {"-1"}, null));
        t.add(new Bad("loop", "--epochs", new String[] {"0", "-1", "1001", "x"}, null));
        return t;
    }

    static Stream<Arguments> cases() {
        return table().stream().flatMap(b -> Stream.of(b.values()).map(v -> Arguments.of(b.command(), b.option(), v,
            b.phrase())));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)   // an accepted value must not train for long
    void outOfRangeValuesAreRefusedNamingTheOption(String command, String option, String value, String phrase) {
        Path out = tmp.resolve(command + option + value.hashCode());
        List<String> args = new ArrayList<>(List.of(base(command, out)));
        int at = args.indexOf(option);
        if (at >= 0) {
            args.set(at + 1, value);
        } else {
            args.add(option);
            args.add(value);
        }
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(2, r.exitCode(), () -> String.join(" ", args) + " was accepted:\n" + r.out() + r.err());
        String err = r.err();
        String expected = phrase != null ? phrase : option;
        assertTrue(err.toLowerCase(java.util.Locale.ROOT).contains(expected.toLowerCase(java.util.Locale.ROOT)),
            () -> "the message for " + option + " " + value + " must name " + expected + ": " + err);
        assertFalse(Files.exists(out), "nothing may be written for a refused command");
    }
}
