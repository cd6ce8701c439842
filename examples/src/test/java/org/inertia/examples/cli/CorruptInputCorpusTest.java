package org.inertia.examples.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.inertia.examples.data.DatasetKind;
import org.inertia.nn.Init;
import org.inertia.nn.Sequential;
import org.inertia.nn.data.Cifar10;
import org.inertia.nn.data.Idx;
import org.inertia.nn.data.Split;
import org.inertia.nn.io.Checkpoint;
import org.inertia.nn.io.SafeTensors;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.ReLU;
import org.inertia.optim.Adam;
import org.inertia.optim.Optimizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Damaged files for every format Inertia reads — IDX (gzip'd and raw), CIFAR-10 binary, safetensors,
 * checkpoints and PNG — generated from valid ones: truncated at random points, bytes flipped in
 * headers and bodies, wrong magic numbers, lying counts, huge declared sizes, zero length, trailing
 * garbage. Every one must be refused within seconds with an exception whose message names the file,
 * never with an OutOfMemoryError, a hang or a native crash; a refused load returns nothing, so nothing
 * is half-loaded.
 *
 * <p>Body flips are generated only where the format can detect them: gzip and PNG carry CRCs,
 * safetensors files Inertia writes a SHA-256 of header and data, and CIFAR-10 labels a range (0–9).
 * A flipped pixel in a raw IDX or CIFAR-10 file is a valid (different) file: those formats have no
 * checksum to catch it. (The bundled MNIST is also checked against the official SHA-256s, which is
 * why the IDX cases go through the IDX reader itself.)
 */
class CorruptInputCorpusTest {
    private static final long SEED = 20261124L;
    private static Path dir;

    @BeforeAll
    static void makeDirectory() throws IOException {
        dir = Files.createTempDirectory("inertia-corpus");
    }

    @AfterAll
    static void removeDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A damaged variant of a valid file. */
    record Damaged(String what, byte[] bytes) {
    }

    /** How one format is loaded from a file written in its own directory. */
    interface Loader {
        void load(Path file) throws Exception;
    }

    @TestFactory
    Stream<DynamicTest> idxImagesGzipped() throws IOException {
        byte[] good = bundled("t10k-images-idx3-ubyte.gz");
        List<Damaged> cases = common(good, 10, 4);
        cases.addAll(flips(good, "gzip body", 10, good.length - 8, 12));
        cases.addAll(flips(good, "gzip trailer (CRC, length)", good.length - 8, good.length, 4));
        return run("IDX images (gz)", cases, "t10k-images-idx3-ubyte.gz", file -> Idx.read(file, 3));
    }

    @TestFactory
    Stream<DynamicTest> idxLabelsRaw() throws IOException {
        byte[] good;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bundled("t10k-labels-idx1-ubyte.gz")))) {
            good = in.readAllBytes();                                      // 10,000 labels, uncompressed
        }
        List<Damaged> cases = common(good, 14, 8);
        cases.add(new Damaged("wrong magic (3 dimensions)", patchInt(good, 0, 0x00000803)));
        cases.add(new Damaged("wrong magic (int32 data)", patchInt(good, 0, 0x00000C01)));
        cases.add(new Damaged("count larger than the data", patchInt(good, 4, 10_001)));
        cases.add(new Damaged("count smaller than the data", patchInt(good, 4, 9_999)));
        cases.add(new Damaged("huge declared count", patchInt(good, 4, Integer.MAX_VALUE)));
        cases.add(new Damaged("negative count", patchInt(good, 4, -5)));
        cases.add(new Damaged("zero count", patchInt(good, 4, 0)));
        return run("IDX labels (raw)", cases, "t10k-labels-idx1-ubyte", file -> Idx.read(file, 1));
    }

    @TestFactory
    Stream<DynamicTest> cifar10Binary() throws IOException {
        int record = 3073;
        byte[] good = new byte[10_000 * record];
        for (int r = 0; r < 10_000; r++) {
            good[r * record] = (byte) (r % 10);
        }
        List<Damaged> cases = new ArrayList<>();
        Random r = new Random(SEED);
        cases.add(new Damaged("zero length", new byte[0]));
        for (int i = 0; i < 12; i++) {
            int cut = r.nextInt(good.length);
            cases.add(new Damaged("truncated at " + cut, java.util.Arrays.copyOf(good, cut)));
        }
        cases.add(new Damaged("one record short", java.util.Arrays.copyOf(good, good.length - record)));
        cases.add(new Damaged("trailing garbage", java.util.Arrays.copyOf(good, good.length + 17)));
        for (int i = 0; i < 15; i++) {
            byte[] b = good.clone();
            b[r.nextInt(10_000) * record] = (byte) (10 + r.nextInt(246));
            cases.add(new Damaged("label byte out of range #" + i, b));
        }
        return run("CIFAR-10", cases, "test_batch.bin", file -> Cifar10.load(file.getParent(), Split.TEST));
    }

    @TestFactory
    Stream<DynamicTest> safetensorsWeights() throws IOException {
        Path valid = dir.resolve("valid.safetensors");
        SafeTensors.write(valid, model().stateDict(), Map.of("model", "mlp", "dataset", "mnist"));
        byte[] good = Files.readAllBytes(valid);
        long headerLength = ByteBuffer.wrap(good, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        List<Damaged> cases = common(good, 15, 0);
        cases.add(new Damaged("header length 2^62", patchLong(good, 2L << 61)));
        cases.add(new Damaged("header length negative", patchLong(good, -1)));
        cases.add(new Damaged("header length past the end", patchLong(good, good.length)));
        cases.add(new Damaged("header length one short", patchLong(good, headerLength - 1)));
        cases.add(new Damaged("header length one long", patchLong(good, headerLength + 1)));
        cases.addAll(flips(good, "JSON header", 8, (int) (8 + headerLength), 12, (byte) '~'));
        return run("safetensors", cases, "model.safetensors", file -> SafeTensors.read(file));
    }

    @TestFactory
    Stream<DynamicTest> checkpoints() throws IOException {
        Sequential m = model();
        Optimizer o = new Adam(m.parameters(), Adam.options());
        Path valid = dir.resolve("valid.ckpt");
        Checkpoint.capture(1, 7, m, o, null, Map.of()).save(valid);
        byte[] good = Files.readAllBytes(valid);
        long headerLength = ByteBuffer.wrap(good, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        List<Damaged> cases = common(good, 12, 0);
        cases.add(new Damaged("header length 2^62", patchLong(good, 2L << 61)));
        cases.add(new Damaged("header length past the end", patchLong(good, good.length)));
        cases.addAll(flips(good, "JSON header", 8, (int) (8 + headerLength), 8, (byte) '~'));
        cases.addAll(flips(good, "tensor data", (int) (8 + headerLength), good.length, 15));
        return run("checkpoint", cases, "last.ckpt", file -> Checkpoint.load(file));
    }

    @TestFactory
    Stream<DynamicTest> pngForPredict() throws IOException {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                img.getRaster().setSample(x, y, 0, (x * 9 + y * 5) & 0xff);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        byte[] good = png.toByteArray();
        List<Damaged> cases = common(good, 12, 0);
        cases.addAll(flips(good, "signature", 0, 8, 4));
        cases.addAll(flips(good, "IHDR chunk", 8, 33, 8));
        cases.addAll(flips(good, "image data", 33, good.length - 12, 10));
        cases.add(new Damaged("width 2^31-1, CRC fixed up", withSize(good, Integer.MAX_VALUE, 28)));
        cases.add(new Damaged("60000x60000, CRC fixed up", withSize(good, 60_000, 60_000)));
        cases.add(new Damaged("32x32 (wrong size), CRC fixed up", withSize(good, 32, 32)));
        return run("PNG", cases, "digit.png", file -> PredictCommand.read(file, DatasetKind.MNIST, false));
    }

    // ---------------------------------------------------------------- the check

    private static Stream<DynamicTest> run(String format, List<Damaged> cases, String fileName, Loader loader) {
        return cases.stream().map(c -> DynamicTest.dynamicTest(format + ": " + c.what(), () -> {
            Path caseDir = Files.createTempDirectory(dir, "case");
            Path file = caseDir.resolve(fileName);
            Files.write(file, c.bytes());
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try {
                    loader.load(file);
                    fail(format + " accepted a damaged file (" + c.what() + ")");
                } catch (OutOfMemoryError e) {
                    fail(format + " trusted a declared size (" + c.what() + "): " + e);
                } catch (Exception e) {
                    String message = String.valueOf(e.getMessage());
                    assertTrue(message.contains(fileName), "the error must name the file " + fileName + ": " + message);
                    assertTrue(message.length() > fileName.length() + 10, "the error must say what is wrong: " + message);
                }
            });
        }));
    }

    // ---------------------------------------------------------------- damage

    /** Zero length, truncations, trailing garbage and (from {@code headerEnd}) header flips. */
    private static List<Damaged> common(byte[] good, int truncations, int headerEnd) {
        List<Damaged> out = new ArrayList<>();
        Random r = new Random(SEED + good.length);
        out.add(new Damaged("zero length", new byte[0]));
        out.add(new Damaged("one byte", new byte[] {good[0]}));
        for (int i = 0; i < truncations; i++) {
            int cut = 1 + r.nextInt(good.length - 1);
            out.add(new Damaged("truncated at " + cut + " of " + good.length, java.util.Arrays.copyOf(good, cut)));
        }
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 13);
        out.add(new Damaged("13 bytes of trailing garbage", longer));
        if (headerEnd > 0) {
            out.addAll(flips(good, "header", 0, headerEnd, 6));
        }
        return out;
    }

    private static List<Damaged> flips(byte[] good, String region, int from, int to, int n) {
        return flips(good, region, from, to, n, (byte) 0);
    }

    /** {@code n} copies, each with one byte in [from, to) XOR'd with a random non-zero mask (or set to {@code to}). */
    private static List<Damaged> flips(byte[] good, String region, int from, int to, int n, byte replacement) {
        List<Damaged> out = new ArrayList<>();
        Random r = new Random(SEED ^ region.hashCode() ^ good.length);
        for (int i = 0; i < n; i++) {
            byte[] b = good.clone();
            int at = from + r.nextInt(to - from);
            if (replacement != 0 && b[at] != replacement) {
                b[at] = replacement;
            } else {
                b[at] ^= (byte) (1 + r.nextInt(255));
            }
            out.add(new Damaged(region + " byte " + at + " changed", b));
        }
        return out;
    }

    private static byte[] patchInt(byte[] good, int at, int value) {
        byte[] b = good.clone();
        ByteBuffer.wrap(b).putInt(at, value);
        return b;
    }

    private static byte[] patchLong(byte[] good, long value) {
        byte[] b = good.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
        return b;
    }

    // ---------------------------------------------------------------- valid files

    /** The real MNIST test files bundled with the examples. */
    private static byte[] bundled(String name) throws IOException {
        try (InputStream in = CorruptInputCorpusTest.class.getResourceAsStream("/org/inertia/datasets/mnist/" + name)) {
            return in.readAllBytes();
        }
    }

    private static Sequential model() {
        Init.manualSeed(3);
        return new Sequential(new Linear(784, 16), new ReLU(), new Linear(16, 10));
    }

    /** The PNG with its IHDR width and height replaced and the chunk's CRC recomputed (a consistent lie). */
    private static byte[] withSize(byte[] png, int width, int height) {
        byte[] b = png.clone();
        ByteBuffer buf = ByteBuffer.wrap(b);
        buf.putInt(16, width);                                  // signature 8, length 4, "IHDR" 4
        buf.putInt(20, height);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, 12, 4 + 13);                              // type and data
        buf.putInt(33 - 4, (int) crc.getValue());
        return b;
    }
}
