package org.inertia.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.inertia.core.DType;
import org.inertia.core.NoGrad;
import org.inertia.core.Tensor;
import org.inertia.nn.Sequential;
import org.inertia.nn.layers.BatchNorm2d;
import org.inertia.nn.layers.Conv2d;
import org.inertia.nn.layers.Flatten;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.MaxPool2d;
import org.inertia.nn.layers.ReLU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static Path resource(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = SafeTensorsTest.class.getResourceAsStream("/safetensors/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void roundTripKeepsNamesShapesTypesValuesAndMetadata() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.of(new float[] {1.5f, -2, 3, 4, 5, 6}, 2, 3));
        tensors.put("d", Tensor.of(DType.FLOAT64, new double[] {Math.PI, -1e-300}, 2));
        tensors.put("n", Tensor.wrap(org.nd4j.linalg.factory.Nd4j.scalar(DType.INT64.nd4j(), 7L)));
        tensors.put("e", Tensor.zeros(0, 3));
        Path file = dir.resolve("t.safetensors");
        SafeTensors.write(file, tensors, Map.of("k", "v"));
        SafeTensors.Contents c = SafeTensors.read(file);
        assertEquals(List.of("w", "d", "n", "e"), List.copyOf(c.tensors().keySet()));
        assertEquals(Map.of("k", "v"), c.metadata());
        for (String k : tensors.keySet()) {
            assertEquals(tensors.get(k).dtype(), c.tensors().get(k).dtype(), k);
            assertArrayEquals(tensors.get(k).shape(), c.tensors().get(k).shape(), k);
            assertArrayEquals(tensors.get(k).toDoubleArray(), c.tensors().get(k).toDoubleArray(), k);
        }
        long headerLength = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "the header is padded so the data area starts 8-byte aligned");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    /** spec-fixture.safetensors was written by tools/safetensors_fixtures.py (Python struct + json only). */
    @Test
    void readsAFileWrittenByAnIndependentImplementation() throws IOException {
        SafeTensors.Contents c = SafeTensors.read(resource(dir, "spec-fixture.safetensors"));
        assertEquals("tools/safetensors_fixtures.py", c.metadata().get("written_by"));
        assertArrayEquals(new float[] {0.5f, -1.25f, 3.0f, 1e-3f, -0.0f, 65504.0f}, c.tensors().get("zeta.f32").toFloatArray());
        assertArrayEquals(new long[] {2, 3}, c.tensors().get("zeta.f32").shape());
        assertArrayEquals(new double[] {3.141592653589793, -2.718281828459045, 1e-300, 123456789.125},
            c.tensors().get("alpha.f64").toDoubleArray());
        assertEquals(DType.INT64, c.tensors().get("count.i64").dtype());
        assertEquals(0, c.tensors().get("count.i64").rank());
        assertEquals(-9007199254740993L, c.tensors().get("count.i64").toLongArray()[0]);
        assertArrayEquals(new long[] {0, 3}, c.tensors().get("empty.f32").shape());
    }

    static Sequential sameArchitectureAsTheTorchFixture() {
        return new Sequential(new Conv2d(1, 2, 3, 1), new BatchNorm2d(2), new ReLU(), new MaxPool2d(2), new Flatten(),
            new Linear(8, 3));
    }

    /** torch-model.safetensors: a PyTorch 1.13 model's state dict, input and eval-mode output. */
    @Test
    void aPyTorchStateDictLoadsUnchangedAndReproducesPyTorchsOutput() throws IOException {
        SafeTensors.Contents c = SafeTensors.read(resource(dir, "torch-model.safetensors"));
        Map<String, Tensor> state = new LinkedHashMap<>(c.tensors());
        Tensor input = state.remove("__input__");
        Tensor expected = state.remove("__output__");
        Sequential model = sameArchitectureAsTheTorchFixture();
        assertEquals(model.stateDict().keySet(), state.keySet(), "PyTorch's names and Inertia's agree");
        model.loadStateDict(state);
        model.eval();
        Tensor output = NoGrad.get(() -> model.forward(input));
        assertArrayEquals(expected.toFloatArray(), output.toFloatArray(), 1e-5f);
    }

    /**
     * The other direction: writes target/inertia-model.safetensors (Inertia's weights plus the input
     * and Inertia's output) for {@code tools/safetensors_fixtures.py check}, which loads the weights
     * into PyTorch and prints PyTorch's output for comparison (a manual step: CI has no Python).
     */
    @Test
    void writesAStateDictPyTorchCanLoad() throws IOException {
        Sequential model = sameArchitectureAsTheTorchFixture();
        model.forward(Tensor.normal(new org.inertia.core.Rng(1), 0, 1, 5, 1, 4, 4));   // move the running stats
        model.eval();
        Tensor input = Tensor.normal(new org.inertia.core.Rng(2), 0, 1, 2, 1, 4, 4);
        Map<String, Tensor> out = new LinkedHashMap<>(model.stateDict());
        out.put("__input__", input);
        out.put("__output__", NoGrad.get(() -> model.forward(input)));
        Path file = Path.of("target", "inertia-model.safetensors");
        SafeTensors.write(file, out, Map.of("written_by", "Inertia"));
        assertEquals(out.keySet(), SafeTensors.read(file).tensors().keySet());
    }

    // ------------------------------------------------------------------ bad files

    private static byte[] good() {
        return SafeTensors.toBytes(Map.of("a", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2)), Map.of());
    }

    private static byte[] withHeader(String json, int dataBytes) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    static Stream<Arguments> corrupt() {
        byte[] good = good();
        byte[] hugeHeader = good.clone();
        ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE);
        return Stream.of(
            Arguments.of("empty file", new byte[0], "too short"),
            Arguments.of("truncated data", java.util.Arrays.copyOf(good, good.length - 3), "outside the"),
            Arguments.of("truncated header", java.util.Arrays.copyOf(good, 20), "does not fit"),
            Arguments.of("header length beyond the file", hugeHeader, "does not fit"),
            Arguments.of("header not JSON", withHeader("{\"a\": [1, 2", 0), "not valid JSON"),
            Arguments.of("header a JSON array", withHeader("[1, 2]", 0), "not a JSON object"),
            Arguments.of("duplicate names", withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "not valid JSON"),
            Arguments.of("unknown dtype", withHeader("{\"a\":{\"dtype\":\"Q7\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                "unknown dtype 'Q7'"),
            Arguments.of("unsupported dtype", withHeader("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}",
                4), "F16"),
            Arguments.of("shape does not match bytes", withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],"
                + "\"data_offsets\":[0,8]}}", 8), "needs 12 bytes"),
            Arguments.of("negative dimension", withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],"
                + "\"data_offsets\":[0,4]}}", 4), "invalid dimension"),
            Arguments.of("huge declared shape", withHeader("{\"a\":{\"dtype\":\"F64\",\"shape\":[1000000000,1000000000,"
                + "1000000000],\"data_offsets\":[0,8]}}", 8), "too large"),
            Arguments.of("overlapping tensors", withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "overlapping"),
            Arguments.of("trailing bytes", withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                8), "cover 4 bytes"),
            Arguments.of("metadata not strings", withHeader("{\"__metadata__\":{\"k\":3}}", 0), "not a string"),
            Arguments.of("missing offsets", withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "data_offsets"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corrupt")
    void corruptFilesAreRefusedNamingTheFileAndTheProblem(String name, byte[] bytes, String problem) throws IOException {
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), name + ": " + e.getMessage());
    }

    @Test
    void loadingAStateDictChecksNamesShapesAndTypesBeforeChangingAnything() {
        Sequential model = new Sequential(new Linear(3, 2), new ReLU(), new Linear(2, 1));
        Map<String, Tensor> before = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> before.put(k, Tensor.wrap(v.data().dup())));
        Map<String, Tensor> bad = new LinkedHashMap<>();
        bad.put("0.weight", Tensor.zeros(2, 3));
        bad.put("0.bias", Tensor.zeros(5));
        bad.put("2.weight", Tensor.zeros(DType.FLOAT64, 1, 2));
        bad.put("extra", Tensor.zeros(1));
        String m = assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(bad)).getMessage();
        assertTrue(m.contains("missing '2.bias'") && m.contains("unexpected 'extra'") && m.contains("'0.bias' has shape [5]")
            && m.contains("'2.weight' is float64"), m);
        model.stateDict().forEach((k, v) -> assertArrayEquals(before.get(k).toDoubleArray(), v.toDoubleArray(), k));
    }
}
