package org.inertia.nn.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inertia.core.DType;
import org.inertia.core.MemoryScope;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The safetensors format (huggingface.co/docs/safetensors): an 8-byte little-endian header length N,
 * N bytes of JSON mapping each tensor name to {@code {dtype, shape, data_offsets}} (plus an optional
 * {@code __metadata__} map of strings), then the tensors' bytes, little-endian, row-major.
 *
 * <p>Inertia reads and writes F32, F64 and I64. Reading trusts nothing: the header length must fit
 * the file, the JSON must be well formed with no duplicate names, every shape must match its byte
 * range, and the ranges must tile the data area exactly. Any problem is an {@link IOException}
 * naming the file and what was wrong; nothing is returned half-read.
 *
 * <p>The format has no checksum, so a flipped byte in a tensor name, a metadata value or the data
 * would load as a different file. Files Inertia writes carry one in their metadata,
 * {@value #CONTENT_SHA256}: the SHA-256 of every header field (metadata, names, dtypes, shapes,
 * offsets) and the data, which {@link #read} verifies when present (other tools keep it as an ordinary
 * metadata string and ignore it). It is not returned among the metadata.
 */
public final class SafeTensors {
    /** The metadata key of the content checksum Inertia writes and verifies. */
    public static final String CONTENT_SHA256 = "inertia.content_sha256";
    /** Header size limit, as the reference implementation (100 MB). */
    static final long MAX_HEADER = 100L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SafeTensors() {
    }

    /**
     * Tensors in header order, the free-form string metadata, and the SHA-256 of the data area (which
     * checkpoints use to detect corruption).
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata, String dataSha256) {
    }

    // ------------------------------------------------------------------ writing

    /** Writes {@code tensors} (in iteration order) and {@code metadata} to {@code file}, atomically. */
    public static void write(Path file, Map<String, ? extends Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        AtomicFiles.write(file, out -> write(out, tensors, metadata));
    }

    /** Writes {@code tensors} (in map order) and {@code metadata} to {@code out} in the safetensors format, with the content checksum. */
    public static void write(OutputStream out, Map<String, ? extends Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(metadata == null ? Map.of() : metadata);
        meta.remove(CONTENT_SHA256);
        List<Entry> entries = new ArrayList<>();
        List<byte[]> blobs = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, ? extends Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("safetensors: '__metadata__' is reserved and cannot name a tensor");
            }
            Tensor t = e.getValue();
            byte[] bytes = bytes(t.data());
            entries.add(new Entry(e.getKey(), t.dtype(), t.shape(), offset, offset + bytes.length));
            offset += bytes.length;
            blobs.add(bytes);
        }
        java.security.MessageDigest content = contentDigest(meta, entries);
        blobs.forEach(content::update);
        meta.put(CONTENT_SHA256, java.util.HexFormat.of().formatHex(content.digest()));

        ObjectNode header = JSON.createObjectNode();
        ObjectNode metaNode = header.putObject("__metadata__");
        meta.forEach(metaNode::put);
        for (Entry e : entries) {
            ObjectNode entry = header.putObject(e.name());
            entry.put("dtype", code(e.dtype()));
            entry.putArray("shape").addAll(java.util.Arrays.stream(e.shape()).mapToObj(JSON.getNodeFactory()::numberNode)
                    .toList());
            entry.putArray("data_offsets").add(e.begin()).add(e.end());
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;                // align the data area to 8 bytes
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
        out.write(length.array());
        out.write(json);
        out.write(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
        for (byte[] b : blobs) {
            out.write(b);
        }
    }

    /** Same length, one character different: a flipped byte in the checksum's own key. */
    private static boolean oneCharacterApart(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int differences = 0;
        for (int i = 0; i < a.length(); i++) {
            differences += a.charAt(i) != b.charAt(i) ? 1 : 0;
        }
        return differences == 1;
    }

    /**
     * A digest primed with every header field in a canonical form (metadata sorted by key, then each
     * tensor's name, dtype, shape and offsets in header order); the data bytes follow.
     */
    private static java.security.MessageDigest contentDigest(Map<String, String> metadata, List<Entry> entries) {
        StringBuilder canonical = new StringBuilder();
        new java.util.TreeMap<>(metadata).forEach((k, v) -> canonical.append(k.length()).append(':').append(k)
                .append(v.length()).append(':').append(v).append('\n'));
        for (Entry e : entries) {
            canonical.append(e.name().length()).append(':').append(e.name()).append(' ').append(code(e.dtype()))
                    .append(' ').append(java.util.Arrays.toString(e.shape())).append(' ').append(e.begin()).append('-')
                    .append(e.end()).append('\n');
        }
        java.security.MessageDigest sha = sha256();
        sha.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
        return sha;
    }

    /** Everything {@link #write(OutputStream, Map, Map)} would write, as bytes. */
    public static byte[] toBytes(Map<String, ? extends Tensor> tensors, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, tensors, metadata);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static String code(DType t) {
        return switch (t) {
            case FLOAT32 -> "F32";
            case FLOAT64 -> "F64";
            case INT64 -> "I64";
        };
    }

    private static byte[] bytes(INDArray a) {
        if (a.isEmpty()) {
            return new byte[0];
        }
        // A row-major array that owns its buffer is read as it is; anything else is copied (and the copy
        // freed at once: checkpoints are written every epoch, and native garbage waits for the collector).
        boolean copy = a.isView() || a.ordering() != 'c';
        INDArray c = copy ? a.dup('c') : a;
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(c.length() * c.dataType().width())).order(ByteOrder.LITTLE_ENDIAN);
        try {
            switch (DType.of(c.dataType())) {
                case FLOAT32 -> buf.asFloatBuffer().put(c.data().asFloat());
                case FLOAT64 -> buf.asDoubleBuffer().put(c.data().asDouble());
                case INT64 -> buf.asLongBuffer().put(c.data().asLong());
            }
        } finally {
            if (copy) {
                c.close();
            }
        }
        return buf.array();
    }

    // ------------------------------------------------------------------ reading

    /** Reads a safetensors file, checking every length, offset and shape before allocating, and the checksum if it has one. */
    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, file.toString());
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        }
    }

    /** Reads from an open channel positioned anywhere; {@code source} names it in errors. */
    public static Contents read(FileChannel ch, String source) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw corrupt(source, "file is " + size + " bytes, too short for the 8-byte header length");
        }
        long headerLength = readFully(ch, 0, 8, source).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > size - 8) {
            throw corrupt(source, "header length " + Long.toUnsignedString(headerLength) + " does not fit a file of "
                    + size + " bytes (limit " + MAX_HEADER + ")");
        }
        byte[] headerBytes = readFully(ch, 8, (int) headerLength, source).array();
        JsonNode header;
        try {
            header = JSON.readTree(headerBytes);
        } catch (JsonProcessingException e) {
            throw corrupt(source, "header is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (header == null || !header.isObject()) {
            throw corrupt(source, "header is not a JSON object");
        }
        int end = headerBytes.length;
        while (end > 0 && headerBytes[end - 1] == ' ') {
            end--;                                          // the spec pads the header with spaces, nothing else
        }
        if (end > 0 && headerBytes[end - 1] != '}') {
            throw corrupt(source, "header does not end with its JSON object followed by space padding (byte "
                    + (8 + end - 1) + " is 0x" + Integer.toHexString(headerBytes[end - 1] & 0xff) + ")");
        }
        long dataStart = 8 + headerLength;
        long dataLength = size - dataStart;

        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals("__metadata__")) {
                readMetadata(f.getValue(), metadata, source);
            } else {
                entries.add(entry(f.getKey(), f.getValue(), dataLength, source));
            }
        }
        checkTiling(entries, dataLength, source);

        String recorded = metadata.remove(CONTENT_SHA256);
        for (String key : metadata.keySet()) {
            if (oneCharacterApart(key, CONTENT_SHA256)) {
                throw corrupt(source, "metadata key '" + key + "' is a damaged '" + CONTENT_SHA256 + "'");
            }
        }
        java.security.MessageDigest content = contentDigest(metadata, entries);
        Map<String, Tensor> byOffset = new LinkedHashMap<>();
        java.security.MessageDigest sha = sha256();
        List<Entry> inFileOrder = new ArrayList<>(entries);
        inFileOrder.sort(java.util.Comparator.comparingLong(Entry::begin));
        for (Entry e : inFileOrder) {
            ByteBuffer bytes = readFully(ch, dataStart + e.begin, Math.toIntExact(e.end - e.begin), source);
            sha.update(bytes.duplicate());
            content.update(bytes.duplicate());
            byOffset.put(e.name, Tensor.wrap(array(e.dtype, bytes.order(ByteOrder.LITTLE_ENDIAN), e.shape)));
        }
        if (recorded != null && !recorded.equals(java.util.HexFormat.of().formatHex(content.digest()))) {
            throw corrupt(source, "content is corrupt: its SHA-256 differs from the one recorded when the file "
                    + "was written (" + CONTENT_SHA256 + ")");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        entries.forEach(e -> tensors.put(e.name, byOffset.get(e.name)));
        return new Contents(tensors, metadata, java.util.HexFormat.of().formatHex(sha.digest()));
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {
    }

    private static Entry entry(String name, JsonNode node, long dataLength, String source) throws IOException {
        String what = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw corrupt(source, what + " is not described by a JSON object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw corrupt(source, what + " has no dtype");
        }
        DType dtype = switch (dtypeNode.asText()) {
            case "F32" -> DType.FLOAT32;
            case "F64" -> DType.FLOAT64;
            case "I64" -> DType.INT64;
            case "F16", "BF16", "I32", "I16", "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2", "U16", "U32", "U64" ->
                throw corrupt(source, what + " has dtype " + dtypeNode.asText() + ", which Inertia does not hold "
                        + "(supported: F32, F64, I64)");
            default -> throw corrupt(source, what + " has unknown dtype '" + dtypeNode.asText() + "'");
        };
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray() || shapeNode.size() > 32) {
            throw corrupt(source, what + " has no valid shape array");
        }
        long[] shape = new long[shapeNode.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                throw corrupt(source, what + " has an invalid dimension " + d + " in its shape");
            }
            shape[i] = d.asLong();
            try {
                numel = Math.multiplyExact(numel, shape[i]);
            } catch (ArithmeticException e) {
                throw corrupt(source, what + " has a shape too large to address " + shapeNode);
            }
        }
        JsonNode offsets = node.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2 || !offsets.get(0).isIntegralNumber()
                || !offsets.get(1).isIntegralNumber()) {
            throw corrupt(source, what + " has no valid data_offsets [begin, end]");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin || end > dataLength) {
            throw corrupt(source, what + " has data_offsets [" + begin + ", " + end + "] outside the " + dataLength
                    + "-byte data area (truncated file?)");
        }
        long expected;
        try {
            expected = Math.multiplyExact(numel, (long) dtype.nd4j().width());
        } catch (ArithmeticException e) {
            throw corrupt(source, what + " is too large");
        }
        if (end - begin != expected) {
            throw corrupt(source, what + " of shape " + java.util.Arrays.toString(shape) + " and dtype "
                    + dtypeNode.asText() + " needs " + expected + " bytes but its data_offsets span " + (end - begin));
        }
        if (expected > Integer.MAX_VALUE - 16) {
            throw corrupt(source, what + " is larger than 2 GB, which Inertia does not load");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /** The spec requires the byte ranges to cover the data area exactly, without holes or overlaps. */
    private static void checkTiling(List<Entry> entries, long dataLength, String source) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(java.util.Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        for (Entry e : sorted) {
            if (e.begin != covered) {
                throw corrupt(source, "tensor '" + e.name + "' starts at byte " + e.begin + " of the data area but the "
                        + "previous tensor ends at " + covered + " (overlapping or missing data)");
            }
            covered = e.end;
        }
        if (covered != dataLength) {
            throw corrupt(source, "the tensors cover " + covered + " bytes but the data area has " + dataLength
                    + " (truncated or padded file)");
        }
    }

    private static void readMetadata(JsonNode node, Map<String, String> out, String source) throws IOException {
        if (!node.isObject()) {
            throw corrupt(source, "__metadata__ is not a JSON object");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> m = it.next();
            if (!m.getValue().isTextual()) {
                throw corrupt(source, "__metadata__ value for '" + m.getKey() + "' is not a string");
            }
            out.put(m.getKey(), m.getValue().asText());
        }
    }

    /** A file's tensor lives as long as its reader keeps it, not as long as the current step: made outside any scope. */
    private static INDArray array(DType dtype, ByteBuffer bytes, long[] shape) {
        return MemoryScope.persistent(() -> arrayOf(dtype, bytes, shape));
    }

    private static INDArray arrayOf(DType dtype, ByteBuffer bytes, long[] shape) {
        if (bytes.remaining() == 0) {
            return Nd4j.create(dtype.nd4j(), shape);
        }
        return switch (dtype) {
            case FLOAT32 -> {
                float[] v = new float[bytes.remaining() / 4];
                bytes.asFloatBuffer().get(v);
                yield Nd4j.create(v, shape, 'c');
            }
            case FLOAT64 -> {
                double[] v = new double[bytes.remaining() / 8];
                bytes.asDoubleBuffer().get(v);
                yield Nd4j.create(v, shape, 'c');
            }
            case INT64 -> {
                long[] v = new long[bytes.remaining() / 8];
                bytes.asLongBuffer().get(v);
                yield Nd4j.createFromArray(v).reshape('c', shape);
            }
        };
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length, String source) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + buf.position());
            if (n < 0) {
                throw corrupt(source, "unexpected end of file at byte " + (position + buf.position()));
            }
        }
        buf.flip();
        return buf;
    }

    static IOException corrupt(String source, String problem) {
        return new IOException(source + ": not a valid safetensors file: " + problem);
    }
}
