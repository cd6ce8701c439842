package org.inertia.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Which native ND4J library this process loaded, and the CPU it runs on. */
final class NativeBuild {
    private NativeBuild() {
    }

    /** The platform directory of the loaded libnd4j (e.g. linux-x86_64-onednn-avx512), read from the process maps. */
    static String describe() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int i = line.indexOf("/libnd4jcpu.so");
                if (i > 0) {
                    String path = line.substring(line.indexOf('/'), i);
                    return path.substring(path.lastIndexOf('/') + 1) + " (" + path + ")";
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown (libnd4jcpu not found in /proc/self/maps)";
    }

    /** The CPU's feature flags (avx2, avx512f, ...), empty when /proc/cpuinfo is not readable. */
    static Set<String> cpuFlags() {
        return cpuinfo("flags").map(v -> Set.of(v.split("\\s+"))).orElse(Set.of());
    }

    static String cpuModel() {
        return cpuinfo("model name").orElse(System.getProperty("os.arch"));
    }

    /** The value of the first /proc/cpuinfo line starting with {@code key}. */
    private static Optional<String> cpuinfo(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith(key)) {
                    return Optional.of(line.substring(line.indexOf(':') + 1).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
