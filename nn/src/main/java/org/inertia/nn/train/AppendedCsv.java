package org.inertia.nn.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.inertia.nn.io.AtomicFiles;

/**
 * A CSV file that grows while training runs, one flushed row at a time, so that a reader (the studio)
 * sees each row at once. Opening it keeps the rows a resumed run already wrote up to its checkpoint
 * (first column ≤ {@code keepUpTo}, same header) and drops the rest, so each step appears once.
 */
final class AppendedCsv implements AutoCloseable {
    private final Path file;
    private final String what;
    private BufferedWriter out;

    private AppendedCsv(Path file, String what, BufferedWriter out) {
        this.file = file;
        this.what = what;
        this.out = out;
    }

    /** Rewrites {@code file} (atomically) as {@code header} and the rows kept, then opens it for appending. */
    static AppendedCsv open(Path file, String what, String header, long keepUpTo) {
        try {
            List<String> kept = keepUpTo > 0 ? rows(file, header, first -> first <= keepUpTo) : List.of();
            replace(file, header, kept);
            return new AppendedCsv(file, what, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND));
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException(file + ": cannot prepare the " + what + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The rows of {@code file} whose first column (a whole number) passes {@code keep}; none when the file is
     * missing or has another header (another model's file: nothing of it belongs to this run).
     */
    static List<String> rows(Path file, String header, LongPredicate keep) throws IOException {
        List<String> kept = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (!lines.isEmpty() && lines.get(0).equals(header)) {
                for (String line : lines.subList(1, lines.size())) {
                    if (!line.isBlank() && keep.test(Long.parseLong(line.split(",", 2)[0]))) {
                        kept.add(line);
                    }
                }
            }
        }
        return kept;
    }

    /** Replaces {@code file} atomically by {@code header} and {@code rows}. */
    static void replace(Path file, String header, List<String> rows) throws IOException {
        AtomicFiles.write(file, o -> {
            o.write((header + "\n").getBytes(StandardCharsets.UTF_8));
            for (String row : rows) {
                o.write((row + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /** Appends one row (without its newline) and flushes it. */
    void append(String row) {
        try {
            out.write(row);
            out.write('\n');
            out.flush();                      // a reader sees the row now
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the " + what, e);
        }
    }

    /** A number as a cell: empty for NaN or infinity (no value), so every reader parses the file. */
    static String cell(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot close the " + what, e);
            } finally {
                out = null;
            }
        }
    }
}
