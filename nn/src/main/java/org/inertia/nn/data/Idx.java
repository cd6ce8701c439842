package org.inertia.nn.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The IDX format of MNIST and Fashion-MNIST: a big-endian int32 magic {@code 0x000008NN} (unsigned
 * bytes, NN dimensions), NN big-endian int32 sizes, then the bytes. Gzip'd or raw.
 *
 * <p>Nothing is trusted: the magic and the number of dimensions must be as expected, the declared
 * sizes must be positive and must fit the file (a gzip'd file cannot expand more than ~1,032-fold,
 * so a lying header cannot make the reader allocate gigabytes), and the data must end exactly where
 * the header says. Errors name the file and the problem.
 */
public final class Idx {
    private static final int GZIP_MAX_RATIO = 1100;

    private Idx() {
    }

    /** Dimensions, the data bytes, and the SHA-256 of the decompressed file (header included). */
    public record Contents(int[] dims, byte[] data, String sha256) {
    }

    /** Reads and checks an IDX file (gzip'd if its name ends in .gz) of {@code expectedDims} dimensions. */
    public static Contents read(Path file, int expectedDims) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        }
        Contents c;
        try (InputStream in = Files.newInputStream(file)) {
            c = read(in, file.toString(), size, expectedDims);
        }
        checkGzipLength(file, size, 4 + 4L * c.dims().length + c.data().length);
        return c;
    }

    /**
     * A gzip file ends with the decompressed length (mod 2³²). Java's GZIPInputStream stops at the end of
     * the first member and ignores whatever follows, so bytes appended to a gzip'd file would go unseen.
     */
    private static void checkGzipLength(Path file, long size, long decoded) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(2);
            ch.read(head, 0);
            if (size < 18 || (head.get(0) & 0xff) != 0x1f || (head.get(1) & 0xff) != 0x8b) {
                return;                                                 // not gzip'd
            }
            java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ch.read(tail, size - 4);
            long recorded = Integer.toUnsignedLong(tail.getInt(0));
            if (recorded != (decoded & 0xffffffffL)) {
                throw bad(file.toString(), "has bytes after its gzip stream (the file's last 4 bytes say "
                        + recorded + " decompressed bytes, the stream held " + decoded + ")");
            }
        }
    }

    /**
     * @param storedLength the length of the stream as stored (compressed, if gzip'd), or −1 if unknown
     */
    public static Contents read(InputStream raw, String source, long storedLength, int expectedDims) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
        buffered.reset();
        MessageDigest sha = sha256();
        try {
            InputStream decoded = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            DataInputStream in = new DataInputStream(new DigestInputStream(decoded, sha));
            int magic = header(in, source, "magic number");
            int type = (magic >>> 8) & 0xff;
            int dims = magic & 0xff;
            if ((magic >>> 16) != 0 || type != 0x08) {
                throw bad(source, String.format("magic number 0x%08X is not an IDX file of unsigned bytes "
                        + "(expected 0x000008%02X)", magic, expectedDims));
            }
            if (dims != expectedDims) {
                throw bad(source, "has " + dims + " dimensions, expected " + expectedDims + " (images have 3, labels 1)");
            }
            int[] shape = new int[dims];
            long total = 1;
            for (int d = 0; d < dims; d++) {
                shape[d] = header(in, source, "size of dimension " + d);
                if (shape[d] <= 0) {
                    throw bad(source, "declares size " + shape[d] + " for dimension " + d + "; sizes must be positive");
                }
                total *= shape[d];
                if (total > Integer.MAX_VALUE - 64) {
                    throw bad(source, "declares " + java.util.Arrays.toString(shape) + ", more than 2 GB of data");
                }
            }
            long headerBytes = 4 + 4L * dims;
            if (storedLength >= 0) {
                long limit = gzip ? storedLength * GZIP_MAX_RATIO : storedLength - headerBytes;
                if (total > limit) {
                    throw bad(source, "declares " + total + " data bytes (" + java.util.Arrays.toString(shape) + ") but the "
                            + (gzip ? "gzip'd " : "") + "file has only " + storedLength + " bytes");
                }
            }
            byte[] data = new byte[(int) total];
            int read = in.readNBytes(data, 0, data.length);
            if (read < data.length) {
                throw bad(source, "is truncated: the header declares " + total + " data bytes, found " + read);
            }
            if (in.read() != -1) {
                throw bad(source, "has bytes after the " + total + " data bytes its header declares");
            }
            return new Contents(shape, data, HexFormat.of().formatHex(sha.digest()));
        } catch (ZipException | EOFException e) {
            throw bad(source, "is a damaged gzip stream (" + e.getMessage() + ")");
        }
    }

    private static int header(DataInputStream in, String source, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw bad(source, "ends inside the header (reading the " + what + ")");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static IOException bad(String source, String problem) {
        return new IOException(source + ": " + problem);
    }
}
