package org.inertia.examples.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The run directories under the studio's root, found by name and never outside it: a name is one path
 * segment of letters, digits, '.', '_' and '-' that does not start with '.', and the directory it names
 * must be a real directory inside the root once every symbolic link is resolved.
 */
public final class RunDirectories {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,199}");
    /** A run directory holds one of these: the train command's config, or a library user's metrics files. */
    private static final List<String> MARKERS = List.of("config.json", "steps.csv", "metrics.csv");

    private final Path root;

    /** Runs under {@code root} (which need not exist yet). */
    public RunDirectories(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Whether {@code name} may name a run at all (no separators, no "..", no leading dot). */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The run called {@code name}, if it is a valid name of a run directory inside the root. */
    public Optional<Path> find(String name) throws IOException {
        if (!validName(name) || !Files.isDirectory(root)) {
            return Optional.empty();
        }
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Path real = dir.toRealPath();                      // symbolic links resolved
        if (!real.startsWith(root.toRealPath()) || MARKERS.stream().noneMatch(marker ->
                Files.isRegularFile(real.resolve(marker), LinkOption.NOFOLLOW_LINKS))) {
            return Optional.empty();
        }
        return Optional.of(real);
    }

    /** The names of every run directory ({@link #MARKERS}) inside the root, sorted. */
    public List<String> names() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (find(name).isPresent()) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
