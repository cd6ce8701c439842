package org.inertia.examples.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Parsing of named choices on the command line (functions, optimizers, forms): case-insensitive,
 * '-' and '_' interchangeable, and tolerant of one pair of surrounding quotes, which shells such as
 * Windows' cmd.exe pass through ({@code --form 'ema'}).
 */
public final class Choices {
    private Choices() {
    }

    /** Strips whitespace and one pair of matching surrounding quotes. */
    public static String unquote(String raw) {
        String s = raw.strip();
        if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0)) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    /** The enum constant named by {@code raw} ("heavy-ball" → HEAVY_BALL), or an error listing the allowed names. */
    public static <E extends Enum<E>> E parse(String option, String raw, Class<E> type) {
        String key = unquote(raw).toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("Invalid value for " + option + ": '" + raw + "' (allowed: "
                + names(type) + ")");
    }

    /** The command-line names of an enum's constants, comma separated. */
    public static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Choices::cliName).collect(Collectors.joining(", "));
    }

    public static String cliName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
