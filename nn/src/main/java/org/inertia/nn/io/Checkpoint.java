package org.inertia.nn.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inertia.core.MemoryScope;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.nn.Module;
import org.inertia.optim.Optimizer;
import org.inertia.optim.OptimizerState;
import org.inertia.optim.schedule.Scheduler;

/**
 * Everything needed to resume training exactly: model parameters and buffers, optimizer state,
 * schedule time, epoch and step, and the state of every random source in the model.
 *
 * <p>On disk it is a safetensors file, so standard tools can open it: tensors {@code model/<name>}
 * and {@code optimizer/<parameter>/<buffer>} (as in {@link OptimizerStateFile}); the rest as JSON in the metadata, covered with the data
 * by the file's content SHA-256 ({@link SafeTensors#CONTENT_SHA256}). {@link #save} writes atomically (temporary file, flush, rename): a crash never
 * leaves a damaged checkpoint in place of a good one. {@link #load} refuses a truncated or corrupt
 * file with an error naming it; {@link #restore} checks every part against the model and optimizer
 * before changing any of them.
 */
public record Checkpoint(int epoch, long step, Map<String, Tensor> model, OptimizerState optimizer, Long schedulerT,
                         Map<String, Rng.State> randomSources, Map<String, String> extra) {
    static final String FORMAT = "inertia-checkpoint/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A deep copy of the current training state. {@code scheduler} may be null. */
    public static Checkpoint capture(int epoch, long step, Module model, Optimizer optimizer, Scheduler scheduler,
                                     Map<String, String> extra) {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        model.stateDict().forEach((name, t) -> weights.put(name, MemoryScope.keep(t)));
        Map<String, Rng.State> random = new LinkedHashMap<>();
        model.namedRandomSources().forEach((name, rng) -> random.put(name, rng.state()));
        return new Checkpoint(epoch, step, weights, optimizer.stateDict(), scheduler == null ? null : scheduler.t(),
                random, extra == null ? Map.of() : Map.copyOf(extra));
    }

    /** Checks everything against {@code model}, {@code optimizer}, {@code scheduler}, then restores all of it. */
    public void restore(Module model, Optimizer optimizer, Scheduler scheduler) {
        model.checkStateDict(this.model);
        optimizer.checkStateDict(this.optimizer);
        Map<String, Rng> sources = model.namedRandomSources();
        if (!sources.keySet().equals(randomSources.keySet())) {
            throw new IllegalArgumentException("checkpoint: the model's random sources " + sources.keySet()
                    + " differ from the checkpoint's " + randomSources.keySet());
        }
        if ((scheduler == null) != (schedulerT == null)) {
            throw new IllegalArgumentException("checkpoint: " + (schedulerT == null ? "has no schedule state but a "
                    + "scheduler was given" : "has schedule state but no scheduler was given"));
        }
        model.loadStateDict(this.model);
        optimizer.loadStateDict(this.optimizer);
        randomSources.forEach((name, state) -> sources.get(name).restore(state));
        if (scheduler != null) {
            scheduler.setT(schedulerT);
        }
    }

    // ------------------------------------------------------------------ file format

    /** Writes this checkpoint to {@code file} atomically (see the class comment). */
    public void save(Path file) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.forEach((name, t) -> tensors.put("model/" + name, t));
        String optimizerMeta = OptimizerStateFile.encode(optimizer, tensors);

        Map<String, Object> random = new LinkedHashMap<>();
        randomSources.forEach((name, s) -> random.put(name, List.of(s.seed(), s.root(), s.node())));

        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("epoch", Integer.toString(epoch));
        meta.put("step", Long.toString(step));
        if (schedulerT != null) {
            meta.put("scheduler_t", Long.toString(schedulerT));
        }
        meta.put("optimizer", optimizerMeta);
        meta.put("random", JSON.writeValueAsString(random));
        meta.put("extra", JSON.writeValueAsString(extra));
        SafeTensors.write(file, tensors, meta);
    }

    /** Reads a checkpoint, refusing a truncated, corrupt or foreign file with an error naming it. */
    public static Checkpoint load(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = c.metadata();
        String where = file + ": ";
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IOException(where + "not an Inertia checkpoint (format '" + meta.get("format") + "', expected '"
                    + FORMAT + "')");
        }
        // Checkpoints written before the content checksum recorded the data's SHA-256 on its own.
        if (meta.containsKey("data_sha256") && !c.dataSha256().equals(meta.get("data_sha256"))) {
            throw new IOException(where + "checkpoint data is corrupt: its SHA-256 is " + c.dataSha256()
                    + " but the checkpoint recorded " + meta.get("data_sha256"));
        }
        try {
            int epoch = Integer.parseInt(required(meta, "epoch", where));
            long step = Long.parseLong(required(meta, "step", where));
            Long schedulerT = meta.containsKey("scheduler_t") ? Long.parseLong(meta.get("scheduler_t")) : null;
            Map<String, Tensor> model = new LinkedHashMap<>();
            c.tensors().forEach((name, t) -> {
                if (name.startsWith("model/")) {
                    model.put(name.substring("model/".length()), t);
                }
            });
            OptimizerState optimizer = OptimizerStateFile.decode(required(meta, "optimizer", where), c.tensors(), where);
            Map<String, List<Long>> random = JSON.readValue(required(meta, "random", where),
                    new TypeReference<Map<String, List<Long>>>() { });
            Map<String, Rng.State> states = new LinkedHashMap<>();
            for (Map.Entry<String, List<Long>> e : random.entrySet()) {
                if (e.getValue().size() != 3) {
                    throw new IOException(where + "random source '" + e.getKey() + "' state is malformed");
                }
                states.put(e.getKey(), new Rng.State(e.getValue().get(0), e.getValue().get(1), e.getValue().get(2)));
            }
            Map<String, String> extra = JSON.readValue(required(meta, "extra", where),
                    new TypeReference<Map<String, String>>() { });
            return new Checkpoint(epoch, step, model, optimizer, schedulerT, states, extra);
        } catch (JsonProcessingException | NumberFormatException | ClassCastException | NullPointerException e) {
            throw new IOException(where + "checkpoint metadata is malformed (" + e.getMessage() + ")", e);
        }
    }

    private static String required(Map<String, String> meta, String key, String where) throws IOException {
        String v = meta.get(key);
        if (v == null) {
            throw new IOException(where + "checkpoint metadata lacks '" + key + "'");
        }
        return v;
    }
}
