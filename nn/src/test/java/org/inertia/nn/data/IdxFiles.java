package org.inertia.nn.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {
    private IdxFiles() {
    }

    static byte[] idx(int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000800 | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    /** n 28x28 images whose pixels encode their index, and labels i % 10. */
    static void mnistLike(Path dir, String prefix, int n, boolean gzip) throws IOException {
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(pixels, i * 784, (i + 1) * 784, (byte) i);
            labels[i] = (byte) (i % 10);
        }
        write(dir.resolve(prefix + "-images-idx3-ubyte" + (gzip ? ".gz" : "")), idx(new int[] {n, 28, 28}, pixels), gzip);
        write(dir.resolve(prefix + "-labels-idx1-ubyte" + (gzip ? ".gz" : "")), idx(new int[] {n}, labels), gzip);
    }

    static void write(Path file, byte[] raw, boolean gzip) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, gzip ? gzip(raw) : raw);
    }
}
