package org.inertia.optim;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A snapshot of an optimizer: each group's hyperparameters and the state of each parameter, keyed
 * by the parameter's position (counting through the groups in order, as PyTorch does), so a freshly
 * built model and optimizer can load it. Arrays are private copies.
 *
 * @param optimizer the optimizer class name, checked on load
 * @param steps     how many times {@code step()} ran
 */
public record OptimizerState(String optimizer, long steps, List<Group> groups, Map<Integer, Param> params) {

    /** A group: positions and shapes of its parameters, and its hyperparameters by name. */
    public record Group(List<Integer> params, List<long[]> shapes, Map<String, Object> hyperparameters) {
        /** Copies the lists and map (a snapshot does not change when the optimizer does). */
        public Group {
            params = List.copyOf(params);
            shapes = shapes.stream().map(long[]::clone).toList();
            hyperparameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hyperparameters));
        }
    }

    /** One parameter's step count and named buffers. */
    public record Param(long step, Map<String, INDArray> buffers) {
    }

    /** Copies the groups and per-parameter map. */
    public OptimizerState {
        groups = List.copyOf(groups);
        params = Map.copyOf(params);
    }
}
