package org.inertia.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReadersTest {
    @TempDir
    Path dir;

    @Test
    void readsGzippedAndRawIdxFashionMnist() throws IOException {
        IdxFiles.mnistLike(dir.resolve("gz"), "train", 30, true);
        IdxFiles.mnistLike(dir.resolve("raw"), "t10k", 12, false);
        ImageDataset train = Mnist.load(dir.resolve("gz"), Mnist.Variant.FASHION_MNIST, Split.TRAIN);
        ImageDataset test = Mnist.load(dir.resolve("raw"), Mnist.Variant.FASHION_MNIST, Split.TEST);
        assertEquals(30, train.size());
        assertEquals(12, test.size());
        assertEquals(7, train.label(17));
        assertEquals(17, train.image(17)[300]);
        assertArrayEquals(new int[] {1, 28, 28}, train.imageShape());
        assertEquals("Ankle boot", train.classNames().get(9));
    }

    static Stream<Arguments> badIdx() throws IOException {
        byte[] good = IdxFiles.idx(new int[] {2, 28, 28}, new byte[2 * 784]);
        byte[] badMagic = good.clone();
        badMagic[2] = 0x0D;                      // float data, not unsigned bytes
        byte[] lying = IdxFiles.idx(new int[] {2_000_000, 28, 28}, new byte[784]);
        return Stream.of(
            Arguments.of("wrong magic", badMagic, false, "not an IDX file of unsigned bytes"),
            Arguments.of("wrong number of dimensions", IdxFiles.idx(new int[] {2, 784}, new byte[2 * 784]), false,
                "2 dimensions, expected 3"),
            Arguments.of("truncated data", java.util.Arrays.copyOf(good, good.length - 100), false, "only"),
            Arguments.of("truncated gzip data", IdxFiles.gzip(java.util.Arrays.copyOf(good, good.length - 100)), true,
                "truncated"),
            Arguments.of("cut-off gzip stream", java.util.Arrays.copyOf(IdxFiles.gzip(good), 30), true, "damaged gzip"),
            Arguments.of("header only", java.util.Arrays.copyOf(good, 6), false, "ends inside the header"),
            Arguments.of("zero-length file", new byte[0], false, "ends inside the header"),
            Arguments.of("lying count (raw)", lying, false, "declares 1568000000 data bytes"),
            Arguments.of("lying count (gzip)", IdxFiles.gzip(lying), true, "declares 1568000000 data bytes"),
            Arguments.of("negative size", IdxFiles.idx(new int[] {-5, 28, 28}, new byte[0]), false, "sizes must be positive"),
            Arguments.of("extra bytes", IdxFiles.idx(new int[] {1, 28, 28}, new byte[800]), false, "bytes after"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badIdx")
    void damagedIdxFilesAreRefusedNamingTheFileAndTheProblem(String name, byte[] bytes, boolean gzip, String problem)
            throws IOException {
        Path file = dir.resolve("train-images-idx3-ubyte" + (gzip ? ".gz" : ""));
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> Idx.read(file, 3));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(problem), name + ": " + e.getMessage());
    }

    @Test
    void mnistChecksCountsLabelsSizesAndTheOfficialChecksum() throws IOException {
        IdxFiles.mnistLike(dir, "train", 20, true);
        IOException sha = assertThrows(IOException.class, () -> Mnist.load(dir, Mnist.Variant.MNIST, Split.TRAIN));
        assertTrue(sha.getMessage().contains("SHA-256") && sha.getMessage().contains("not the official one"),
            sha.getMessage());

        Path counts = dir.resolve("counts");
        IdxFiles.write(counts.resolve("t10k-images-idx3-ubyte"), IdxFiles.idx(new int[] {3, 28, 28}, new byte[3 * 784]),
            false);
        IdxFiles.write(counts.resolve("t10k-labels-idx1-ubyte"), IdxFiles.idx(new int[] {4}, new byte[4]), false);
        IOException mismatch = assertThrows(IOException.class,
            () -> Mnist.load(counts, Mnist.Variant.FASHION_MNIST, Split.TEST));
        assertTrue(mismatch.getMessage().contains("4 labels for the 3 images"), mismatch.getMessage());

        Path labels = dir.resolve("labels");
        IdxFiles.write(labels.resolve("t10k-images-idx3-ubyte"), IdxFiles.idx(new int[] {2, 28, 28}, new byte[2 * 784]),
            false);
        IdxFiles.write(labels.resolve("t10k-labels-idx1-ubyte"), IdxFiles.idx(new int[] {2}, new byte[] {3, 12}), false);
        IOException label = assertThrows(IOException.class,
            () -> Mnist.load(labels, Mnist.Variant.FASHION_MNIST, Split.TEST));
        assertTrue(label.getMessage().contains("label 12 of example 1"), label.getMessage());

        Path size = dir.resolve("size");
        IdxFiles.write(size.resolve("t10k-images-idx3-ubyte"), IdxFiles.idx(new int[] {2, 32, 32}, new byte[2 * 1024]),
            false);
        IdxFiles.write(size.resolve("t10k-labels-idx1-ubyte"), IdxFiles.idx(new int[] {2}, new byte[2]), false);
        IOException dims = assertThrows(IOException.class, () -> Mnist.load(size, Mnist.Variant.FASHION_MNIST, Split.TEST));
        assertTrue(dims.getMessage().contains("32x32") && dims.getMessage().contains("28x28"), dims.getMessage());

        IOException missing = assertThrows(IOException.class,
            () -> Mnist.load(dir.resolve("nowhere"), Mnist.Variant.MNIST, Split.TEST));
        assertTrue(missing.getMessage().contains("t10k-images-idx3-ubyte"), missing.getMessage());
    }

    /** A CIFAR-10 test batch: record r has label r % 10 and pixels equal to r % 251. */
    private static byte[] cifarBatch() {
        byte[] b = new byte[Cifar10.RECORD * Cifar10.RECORDS_PER_FILE];
        for (int r = 0; r < Cifar10.RECORDS_PER_FILE; r++) {
            b[r * Cifar10.RECORD] = (byte) (r % 10);
            java.util.Arrays.fill(b, r * Cifar10.RECORD + 1, (r + 1) * Cifar10.RECORD, (byte) (r % 251));
        }
        return b;
    }

    @Test
    void cifar10FromTheFolderAndFromTheOfficialArchive() throws IOException {
        byte[] batch = cifarBatch();
        Path folder = dir.resolve("a").resolve(Cifar10.FOLDER);
        Files.createDirectories(folder);
        Files.write(folder.resolve("test_batch.bin"), batch);
        ImageDataset fromFolder = Cifar10.load(dir.resolve("a"), Split.TEST);
        assertEquals(10_000, fromFolder.size());
        assertEquals(3, fromFolder.label(1233));
        assertEquals((byte) (1233 % 251), fromFolder.image(1233)[3000]);
        assertArrayEquals(new int[] {3, 32, 32}, fromFolder.imageShape());

        ByteArrayOutputStream tgz = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(tgz))) {
            TarArchiveEntry e = new TarArchiveEntry(Cifar10.FOLDER + "/test_batch.bin");
            e.setSize(batch.length);
            tar.putArchiveEntry(e);
            tar.write(batch);
            tar.closeArchiveEntry();
        }
        Files.createDirectories(dir.resolve("b"));
        Files.write(dir.resolve("b").resolve(Cifar10.ARCHIVE), tgz.toByteArray());
        ImageDataset fromArchive = Cifar10.load(dir.resolve("b"), Split.TEST);
        assertArrayEquals(fromFolder.image(9999), fromArchive.image(9999));

        IOException noTrain = assertThrows(IOException.class, () -> Cifar10.load(dir.resolve("b"), Split.TRAIN));
        assertTrue(noTrain.getMessage().contains("data_batch_1.bin"), noTrain.getMessage());
    }

    @Test
    void damagedCifar10IsRefused() throws IOException {
        Files.write(dir.resolve("test_batch.bin"), java.util.Arrays.copyOf(cifarBatch(), 1000));
        IOException size = assertThrows(IOException.class, () -> Cifar10.load(dir, Split.TEST));
        assertTrue(size.getMessage().contains("1000 bytes") && size.getMessage().contains("30730000"), size.getMessage());
        byte[] badLabel = cifarBatch();
        badLabel[Cifar10.RECORD * 5] = 42;
        Files.write(dir.resolve("test_batch.bin"), badLabel);
        IOException label = assertThrows(IOException.class, () -> Cifar10.load(dir, Split.TEST));
        assertTrue(label.getMessage().contains("record 5 has label 42"), label.getMessage());
        Path archive = dir.resolve("x").resolve(Cifar10.ARCHIVE);
        Files.createDirectories(archive.getParent());
        Files.write(archive, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        IOException damaged = assertThrows(IOException.class, () -> Cifar10.load(archive.getParent(), Split.TEST));
        assertTrue(damaged.getMessage().startsWith(archive.toString()), damaged.getMessage());
    }
}
