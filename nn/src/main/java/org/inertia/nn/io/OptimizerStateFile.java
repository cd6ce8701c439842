package org.inertia.nn.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inertia.core.Tensor;
import org.inertia.optim.OptimizerState;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optimizer's state ({@link org.inertia.optim.Optimizer#stateDict()}) in a safetensors file of its
 * own, apart from any model checkpoint: tensors {@code optimizer/<parameter>/<buffer>} (velocities,
 * moments), the rest (optimizer, steps, groups with their hyperparameters, per-parameter step
 * counts) as JSON in the metadata. Written atomically with a SHA-256 of header and data, like every
 * file Inertia writes; a damaged file is refused naming the problem.
 *
 * <pre>{@code
 * OptimizerStateFile.save(dir.resolve("adam.safetensors"), optimizer.stateDict());
 * optimizer.loadStateDict(OptimizerStateFile.load(dir.resolve("adam.safetensors")));
 * }</pre>
 */
public final class OptimizerStateFile {
    static final String FORMAT = "inertia-optimizer/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "optimizer/";

    private OptimizerStateFile() {
    }

    /** Writes {@code state} to {@code file} atomically. */
    public static void save(Path file, OptimizerState state) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("optimizer", encode(state, tensors));
        SafeTensors.write(file, tensors, meta);
    }

    /** Reads a state written by {@link #save}; load it with {@code optimizer.loadStateDict(...)}. */
    public static OptimizerState load(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        String where = file + ": ";
        if (!FORMAT.equals(c.metadata().get("format"))) {
            throw new IOException(where + "not an Inertia optimizer state (format '" + c.metadata().get("format")
                    + "', expected '" + FORMAT + "')");
        }
        String json = c.metadata().get("optimizer");
        if (json == null) {
            throw new IOException(where + "optimizer state metadata lacks 'optimizer'");
        }
        return decode(json, c.tensors(), where);
    }

    /** The state's buffers into {@code tensors} (as {@code optimizer/i/name}), the rest as the returned JSON. */
    static String encode(OptimizerState state, Map<String, Tensor> tensors) throws JsonProcessingException {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("optimizer", state.optimizer());
        meta.put("steps", state.steps());
        List<Map<String, Object>> groups = new ArrayList<>();
        for (OptimizerState.Group g : state.groups()) {
            groups.add(Map.of("params", g.params(), "shapes", g.shapes(), "hyperparameters", g.hyperparameters()));
        }
        meta.put("groups", groups);
        Map<String, Object> params = new LinkedHashMap<>();
        state.params().forEach((i, p) -> {
            params.put(Integer.toString(i), Map.of("step", p.step(), "buffers", List.copyOf(p.buffers().keySet())));
            p.buffers().forEach((buffer, array) -> tensors.put(PREFIX + i + "/" + buffer, Tensor.wrap(array)));
        });
        meta.put("params", params);
        return JSON.writeValueAsString(meta);
    }

    /** The inverse of {@link #encode}; {@code where} starts every error message (the file). */
    @SuppressWarnings("unchecked")
    static OptimizerState decode(String json, Map<String, Tensor> tensors, String where) throws IOException {
        try {
            Map<String, Object> meta = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
            List<OptimizerState.Group> groups = new ArrayList<>();
            for (Object g : (List<Object>) meta.get("groups")) {
                Map<String, Object> group = (Map<String, Object>) g;
                List<Integer> params = ((List<Number>) group.get("params")).stream().map(Number::intValue).toList();
                List<long[]> shapes = ((List<List<Number>>) group.get("shapes")).stream()
                        .map(s -> s.stream().mapToLong(Number::longValue).toArray()).toList();
                groups.add(new OptimizerState.Group(params, shapes, (Map<String, Object>) group.get("hyperparameters")));
            }
            Map<Integer, OptimizerState.Param> params = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) meta.get("params")).entrySet()) {
                Map<String, Object> p = (Map<String, Object>) e.getValue();
                Map<String, INDArray> buffers = new LinkedHashMap<>();
                for (Object b : (List<Object>) p.get("buffers")) {
                    Tensor t = tensors.get(PREFIX + e.getKey() + "/" + b);
                    if (t == null) {
                        throw new IOException(where + "optimizer buffer '" + b + "' of parameter " + e.getKey()
                                + " is missing");
                    }
                    buffers.put((String) b, t.data());
                }
                params.put(Integer.parseInt(e.getKey()),
                        new OptimizerState.Param(((Number) p.get("step")).longValue(), buffers));
            }
            return new OptimizerState((String) meta.get("optimizer"), ((Number) meta.get("steps")).longValue(), groups,
                    params);
        } catch (JsonProcessingException | NumberFormatException | ClassCastException | NullPointerException e) {
            throw new IOException(where + "optimizer state metadata is malformed (" + e.getMessage() + ")", e);
        }
    }
}
