package org.inertia.examples.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Checks a PNG's chunk structure before it is decoded: the signature, every chunk's length and CRC,
 * an IHDR first whose size is the one expected, an IEND last. Java's decoder ignores CRCs (a
 * damaged file decodes to a wrong image) and trusts the declared size (a lying IHDR can ask for
 * gigabytes), so {@code predict} refuses such files here, naming the problem.
 */
final class PngChunks {
    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngChunks() {
    }

    static boolean looksLikePng(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == SIGNATURE[0] && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
    }

    /**
     * @throws IOException naming {@code source} and the first problem found
     */
    static void verify(byte[] bytes, String source, int expectedWidth, int expectedHeight) throws IOException {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (i >= bytes.length || bytes[i] != SIGNATURE[i]) {
                throw new IOException(source + ": damaged PNG signature (byte " + i + ")");
            }
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int at = SIGNATURE.length;
        boolean first = true;
        while (true) {
            if (bytes.length - at < 12) {
                throw new IOException(source + ": PNG is truncated (a chunk header at byte " + at + " is cut off, no IEND)");
            }
            long length = Integer.toUnsignedLong(buf.getInt(at));
            String type = new String(bytes, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (length > bytes.length - at - 12L) {
                throw new IOException(source + ": PNG chunk '" + printable(type) + "' at byte " + at + " declares "
                        + length + " bytes but only " + (bytes.length - at - 12L) + " follow (truncated or damaged)");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, at + 4, 4 + (int) length);
            int stored = buf.getInt(at + 8 + (int) length);
            if ((int) crc.getValue() != stored) {
                throw new IOException(source + ": PNG chunk '" + printable(type) + "' at byte " + at
                        + " fails its CRC check (the file is damaged)");
            }
            if (first) {
                if (!type.equals("IHDR") || length != 13) {
                    throw new IOException(source + ": PNG does not start with a 13-byte IHDR chunk");
                }
                long width = Integer.toUnsignedLong(buf.getInt(at + 8));
                long height = Integer.toUnsignedLong(buf.getInt(at + 12));
                if (width != expectedWidth || height != expectedHeight) {
                    throw new IOException(source + ": the image is " + width + "x" + height + ", the model takes "
                            + expectedWidth + "x" + expectedHeight + " images");
                }
                first = false;
            }
            at += 12 + (int) length;
            if (type.equals("IEND")) {
                if (at != bytes.length) {
                    throw new IOException(source + ": " + (bytes.length - at) + " bytes after the PNG's IEND chunk");
                }
                return;
            }
        }
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 'A' && c <= 'z') ? type : "?";
    }
}
