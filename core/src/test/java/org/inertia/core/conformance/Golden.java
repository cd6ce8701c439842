package org.inertia.core.conformance;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.inertia.core.DType;
import org.inertia.core.Tensor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads the golden files that {@code tools/op_conformance.py} writes with PyTorch, and compares
 * Inertia's values with them. Shared with nn's module suite (core's test-jar).
 */
public final class Golden {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private Golden() {
    }

    /** The parsed JSON resource at {@code path} on the test class path. */
    public static JsonNode read(String path) {
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("golden file " + path + " is not on the class path; regenerate it with "
                        + "/usr/bin/python3 tools/op_conformance.py");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden file " + path, e);
        }
    }

    public static long[] shape(JsonNode shape) {
        long[] out = new long[shape.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = shape.get(i).asLong();
        }
        return out;
    }

    public static int[] ints(JsonNode values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asInt();
        }
        return out;
    }

    public static double[] doubles(JsonNode values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asDouble();
        }
        return out;
    }

    public static long[] longs(JsonNode values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asLong();
        }
        return out;
    }

    /** A dense row-major tensor of {@code dtype} (rank 0 for an empty shape). */
    public static Tensor tensor(DType dtype, double[] values, long[] shape) {
        if (dtype == DType.INT64) {
            long[] longs = new long[values.length];
            for (int i = 0; i < longs.length; i++) {
                longs[i] = (long) values[i];
            }
            return shape.length == 0 ? Tensor.wrap(Nd4j.scalar(longs[0])) : Tensor.ofLongs(longs, shape);
        }
        if (shape.length == 0) {
            return Tensor.scalar(dtype, values[0]);
        }
        return Tensor.of(dtype, values, shape);
    }

    /** {"shape": [...], "values": [...]} as a tensor of {@code dtype}. */
    public static Tensor tensor(DType dtype, JsonNode node) {
        return tensor(dtype, doubles(node.get("values")), shape(node.get("shape")));
    }

    /** "float32" / "float64" / "int64". */
    public static DType dtype(String name) {
        return switch (name) {
            case "float32" -> DType.FLOAT32;
            case "float64" -> DType.FLOAT64;
            case "int64" -> DType.INT64;
            default -> throw new IllegalArgumentException("unknown dtype " + name);
        };
    }

    /** 1e-10 for float64, 1e-5 for float32: relative to each tensor's largest magnitude. */
    public static double tolerance(DType dtype) {
        return dtype == DType.FLOAT64 ? 1e-10 : 1e-5;
    }

    /**
     * Fails unless {@code actual} has {@code expected}'s shape and every value is within
     * {@code tolerance} × (the largest |expected|, or 1 if all are 0) of it; non-finite values must
     * match exactly. The message names what was compared, the worst element and both values.
     */
    public static void assertClose(String what, long[] expectedShape, double[] expected, Tensor actual, double tolerance) {
        if (!java.util.Arrays.equals(expectedShape, actual.shape())) {
            throw new AssertionError(what + ": shape " + java.util.Arrays.toString(actual.shape()) + ", PyTorch's is "
                    + java.util.Arrays.toString(expectedShape));
        }
        assertClose(what, expected, actual.toDoubleArray(), tolerance);
    }

    public static void assertClose(String what, double[] expected, double[] actual, double tolerance) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": " + actual.length + " values, PyTorch has " + expected.length);
        }
        double scale = 0;
        for (double e : expected) {
            if (Double.isFinite(e)) {
                scale = Math.max(scale, Math.abs(e));
            }
        }
        scale = scale == 0 ? 1 : scale;
        int worst = -1;
        double worstError = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            double error = Double.isFinite(e) ? Math.abs(a - e) / scale
                    : (Double.compare(e, a) == 0 || (Double.isNaN(e) && Double.isNaN(a)) ? 0 : Double.POSITIVE_INFINITY);
            if (!(error <= worstError)) {                      // NaN errors count as the worst
                worst = i;
                worstError = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
            }
        }
        if (worstError > tolerance) {
            throw new AssertionError(String.format("%s: element %d is %s, PyTorch's is %s (error %.3g of the largest "
                    + "magnitude %.6g; allowed %.0e)", what, worst, actual[worst], expected[worst], worstError, scale,
                    tolerance));
        }
    }

    /** The names in a JSON array of strings. */
    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
