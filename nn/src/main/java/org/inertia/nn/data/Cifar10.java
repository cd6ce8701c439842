package org.inertia.nn.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * CIFAR-10, binary version: {@code data_batch_1.bin} ... {@code data_batch_5.bin} (training) and
 * {@code test_batch.bin}, each 10,000 records of one label byte and 3,072 pixel bytes (red, green and
 * blue 32x32 planes: already NCHW). Reads the extracted {@code cifar-10-batches-bin} directory or
 * the official {@code cifar-10-binary.tar.gz} directly (only the expected members, never extracting
 * paths to disk).
 */
public final class Cifar10 {
    /** The ten class names, by label. */
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");
    /** Per-channel mean and std of the training images (the values torchvision examples use). */
    public static final double[] MEAN = {0.4914, 0.4822, 0.4465};
    /** Per-channel standard deviation of the training images, to go with {@link #MEAN}. */
    public static final double[] STD = {0.2470, 0.2435, 0.2616};
    static final int RECORD = 1 + 3 * 32 * 32;
    static final int RECORDS_PER_FILE = 10_000;
    /** The official archive's file name. */
    public static final String ARCHIVE = "cifar-10-binary.tar.gz";
    /** The folder the archive holds the binary batches in. */
    public static final String FOLDER = "cifar-10-batches-bin";

    private Cifar10() {
    }

    /** The batch files a split is read from. */
    public static List<String> fileNames(Split split) {
        return split == Split.TRAIN
                ? List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin")
                : List.of("test_batch.bin");
    }

    /**
     * Loads a split from {@code dir}: a directory holding the {@code .bin} files, or holding
     * {@code cifar-10-batches-bin/} or {@code cifar-10-binary.tar.gz}.
     */
    public static ImageDataset load(Path dir, Split split) throws IOException {
        List<String> names = fileNames(split);
        for (Path folder : new Path[] {dir, dir.resolve(FOLDER)}) {
            if (Files.isRegularFile(folder.resolve(names.get(0)))) {
                List<byte[]> files = new ArrayList<>();
                for (String name : names) {
                    Path file = folder.resolve(name);
                    if (!Files.isRegularFile(file)) {
                        throw new IOException("CIFAR-10: " + file + " is missing");
                    }
                    long size = Files.size(file);
                    if (size != (long) RECORD * RECORDS_PER_FILE) {
                        throw new IOException(file + ": " + size + " bytes, a CIFAR-10 batch file has exactly "
                                + (long) RECORD * RECORDS_PER_FILE + " (10,000 records of 3,073 bytes)");
                    }
                    files.add(Files.readAllBytes(file));
                }
                return build(split, files, names, folder.toString());
            }
        }
        Path archive = dir.resolve(ARCHIVE);
        if (Files.isRegularFile(archive)) {
            return fromArchive(archive, split);
        }
        throw new IOException("no CIFAR-10 in " + dir.toAbsolutePath() + ": expected " + names.get(0) + ", " + FOLDER
                + "/ or " + ARCHIVE + " (download it from https://www.cs.toronto.edu/~kriz/cifar.html, or with the downloader)");
    }

    private static ImageDataset fromArchive(Path archive, Split split) throws IOException {
        List<String> names = fileNames(split);
        Map<String, byte[]> found = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(archive))))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String base = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                if (!entry.isFile() || !names.contains(base)) {
                    continue;
                }
                if (entry.getSize() != (long) RECORD * RECORDS_PER_FILE) {
                    throw new IOException(archive + ": member " + entry.getName() + " is " + entry.getSize()
                            + " bytes, a CIFAR-10 batch file has exactly " + (long) RECORD * RECORDS_PER_FILE);
                }
                byte[] bytes = tar.readNBytes(RECORD * RECORDS_PER_FILE);
                if (bytes.length != RECORD * RECORDS_PER_FILE) {
                    throw new IOException(archive + ": member " + entry.getName() + " is truncated");
                }
                found.put(base, bytes);
            }
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(archive.toString()) ? e
                    : new IOException(archive + ": damaged archive (" + e.getMessage() + ")", e);
        }
        List<byte[]> files = new ArrayList<>();
        for (String name : names) {
            if (!found.containsKey(name)) {
                throw new IOException(archive + ": the archive has no " + FOLDER + "/" + name);
            }
            files.add(found.get(name));
        }
        return build(split, files, names, archive.toString());
    }

    private static ImageDataset build(Split split, List<byte[]> files, List<String> names, String source) throws IOException {
        int n = files.size() * RECORDS_PER_FILE;
        int size = RECORD - 1;
        byte[] pixels = new byte[n * size];
        byte[] labels = new byte[n];
        for (int f = 0; f < files.size(); f++) {
            byte[] file = files.get(f);
            for (int r = 0; r < RECORDS_PER_FILE; r++) {
                int i = f * RECORDS_PER_FILE + r;
                labels[i] = file[r * RECORD];
                if ((labels[i] & 0xff) > 9) {
                    throw new IOException(source + "/" + names.get(f) + ": record " + r + " has label " + (labels[i] & 0xff)
                            + ", CIFAR-10 labels are 0-9");
                }
                System.arraycopy(file, r * RECORD + 1, pixels, i * size, size);
            }
        }
        return new ImageDataset("CIFAR-10 " + split.name().toLowerCase(java.util.Locale.ROOT), pixels, labels, 3, 32, 32,
                CLASSES);
    }
}
