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
 * The run directories under the studio's root, found by name and never outside it. A run is a directory
 * holding one of {@link #MARKERS}; a directory whose subdirectories are runs (what {@code compare} makes)
 * is a group, and its runs are named {@code GROUP/RUN}. Each segment of a name is letters, digits, '.',
 * '_' and '-', not starting with '.', and the directory it names must be a real directory inside the root
 * once every symbolic link is resolved.
 */
public final class RunDirectories {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,199}");
    /** A run directory holds one of these: the train command's config, or a library user's metrics files. */
    private static final List<String> MARKERS = List.of("config.json", "steps.csv", "metrics.csv");

    private final Path root;

    /** Runs under {@code root} (which need not exist yet). */
    public RunDirectories(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Whether {@code name} may name a run at all: one or two segments (no "..", no leading dot, no other separator). */
    public static boolean validName(String name) {
        if (name == null) {
            return false;
        }
        String[] segments = name.split("/", -1);
        return segments.length <= 2 && Stream.of(segments).allMatch(s -> SEGMENT.matcher(s).matches());
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
        if (!real.startsWith(root.toRealPath()) || !isRun(real) || isGroup(real)) {
            return Optional.empty();
        }
        return Optional.of(real);
    }

    /** Every run's name, sorted: the runs directly under the root, and the runs inside each group. */
    public List<String> names() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        for (String name : children(root)) {
            if (find(name).isPresent()) {
                out.add(name);
            } else if (validName(name) && Files.isDirectory(root.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                for (String inner : children(root.resolve(name))) {
                    if (find(name + "/" + inner).isPresent()) {
                        out.add(name + "/" + inner);
                    }
                }
            }
        }
        return out;
    }

    private static List<String> children(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static boolean isRun(Path dir) {
        return MARKERS.stream().anyMatch(m -> Files.isRegularFile(dir.resolve(m), LinkOption.NOFOLLOW_LINKS));
    }

    /** Whether some subdirectory of {@code dir} is a run (then {@code dir} is a group such as compare's). */
    private static boolean isGroup(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && isRun(p));
        }
    }
}
