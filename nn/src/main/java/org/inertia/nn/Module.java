package org.inertia.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.inertia.core.NoGrad;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;

/**
 * A piece of a network: it owns parameters (trained), buffers (kept, not trained: batch-norm running
 * statistics) and child modules, and maps an input to an output in {@link #forward}.
 *
 * <p>Names follow PyTorch so state dicts move between the two: a parameter is named by the path of
 * modules leading to it, {@code features.0.weight}; {@link Sequential} names its children 0, 1, ...;
 * {@link #stateDict()} lists each module's parameters, then its buffers, then its children's.
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Rng> randomSources = new LinkedHashMap<>();
    private boolean training = true;

    /** The module's computation. */
    public abstract Tensor forward(Tensor input);

    /**
     * Runs {@link #forward} and records the call for {@link #summary}. Containers call their children
     * through this; user code may call either.
     */
    public final Tensor call(Tensor input) {
        Tensor output = forward(input);
        ModuleSummary.record(this, output);
        return output;
    }

    // ---------------------------------------------------------------- registration

    protected final <P extends Parameter> P registerParameter(String name, P parameter) {
        checkName(name);
        parameters.put(name, Objects.requireNonNull(parameter, name));
        return parameter;
    }

    /**
     * Registers state that is saved with the model but not trained (batch norm's running statistics),
     * and returns it: {@code buffer} itself, or a copy of it that outlives the current step when it was
     * computed inside one. Keep the returned tensor.
     */
    protected final Tensor registerBuffer(String name, Tensor buffer) {
        checkName(name);
        Objects.requireNonNull(buffer, name);
        Tensor kept = buffer.data().isAttached() ? buffer.keep() : buffer;
        buffers.put(name, kept);
        return kept;
    }

    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        if (module == this) {
            throw new IllegalArgumentException("a module cannot contain itself");
        }
        children.put(name, Objects.requireNonNull(module, name));
        return module;
    }

    /** A random source whose state checkpoints save and restore (dropout masks). */
    protected final Rng registerRandomSource(String name, Rng rng) {
        checkName(name);
        randomSources.put(name, Objects.requireNonNull(rng, name));
        return rng;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("invalid name '" + name + "': names are non-empty and contain no '.'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)
                || randomSources.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is already registered in " + getClass().getSimpleName());
        }
    }

    // ---------------------------------------------------------------- traversal

    /** Every parameter, this module's first, then each child's, recursively. */
    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters by dotted name, in {@link #parameters()} order. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out, m -> m.parameters);
        return Collections.unmodifiableMap(out);
    }

    /** Buffers by dotted name. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, m -> m.buffers);
        return Collections.unmodifiableMap(out);
    }

    /** Random sources by dotted name. */
    public final Map<String, Rng> namedRandomSources() {
        Map<String, Rng> out = new LinkedHashMap<>();
        collect("", out, m -> m.randomSources);
        return Collections.unmodifiableMap(out);
    }

    /**
     * Whether this module's own training-mode forward draws from its random sources. By default,
     * whether it registered any; {@link org.inertia.nn.layers.Dropout} with p = 0 keeps its source
     * (so checkpoints have the same layout whatever p is) but never draws.
     */
    public boolean drawsRandomNumbers() {
        return !randomSources.isEmpty();
    }

    /** Direct children by name. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** This module ("") and every descendant, by dotted name. */
    public final Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        out.put("", this);
        for (Map.Entry<String, Module> c : children.entrySet()) {
            c.getValue().namedModules().forEach((name, m) -> out.put(name.isEmpty() ? c.getKey() : c.getKey() + "." + name, m));
        }
        return out;
    }

    private <T> void collect(String prefix, Map<String, T> out, java.util.function.Function<Module, Map<String, ? extends T>> own) {
        own.apply(this).forEach((name, value) -> out.put(prefix + name, value));
        children.forEach((name, child) -> child.collect(prefix + name + ".", out, own));
    }

    /** Number of trainable values. */
    public final long parameterCount() {
        return parameters().stream().mapToLong(Tensor::numel).sum();
    }

    // ---------------------------------------------------------------- modes

    /** Training mode (the default): batch norm uses batch statistics, dropout drops. Recursive. */
    public final Module train() {
        return train(true);
    }

    /** Evaluation mode: batch norm uses running statistics, dropout is the identity. Recursive. */
    public final Module eval() {
        return train(false);
    }

    public final Module train(boolean on) {
        training = on;
        children.values().forEach(c -> c.train(on));
        return this;
    }

    public final boolean isTraining() {
        return training;
    }

    // ---------------------------------------------------------------- state

    /** Parameters and buffers by dotted name (each module's parameters, then buffers, then children's). */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        parameters.forEach((name, p) -> out.put(prefix + name, p));
        buffers.forEach((name, b) -> out.put(prefix + name, b));
        children.forEach((name, child) -> child.collectState(prefix + name + ".", out));
    }

    /**
     * Copies {@code state} into this module's parameters and buffers (in place, so optimizers keep
     * working on the same tensors). Every name, shape and dtype is checked first; on any problem
     * nothing is copied and the error lists all of them.
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        checkStateDict(state);
        Map<String, Tensor> mine = stateDict();
        NoGrad.run(() -> mine.forEach((name, t) -> t.data().assign(state.get(name).data())));
    }

    /** Throws what {@link #loadStateDict} would refuse, changing nothing. */
    public final void checkStateDict(Map<String, Tensor> state) {
        Map<String, Tensor> mine = stateDict();
        List<String> problems = new ArrayList<>();
        for (String name : mine.keySet()) {
            if (!state.containsKey(name)) {
                problems.add("missing '" + name + "'");
            }
        }
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            Tensor target = mine.get(e.getKey());
            if (target == null) {
                problems.add("unexpected '" + e.getKey() + "'");
            } else if (!Arrays.equals(target.shape(), e.getValue().shape())) {
                problems.add("'" + e.getKey() + "' has shape " + Arrays.toString(e.getValue().shape()) + ", expected "
                        + Arrays.toString(target.shape()));
            } else if (target.dtype() != e.getValue().dtype()) {
                problems.add("'" + e.getKey() + "' is " + e.getValue().dtype() + ", expected " + target.dtype());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict: " + String.join("; ", problems));
        }
    }

    // ---------------------------------------------------------------- summary

    /**
     * A table of every module the forward pass calls for an input of {@code inputShape}: name, type,
     * output shape, parameter count; then totals. Runs one forward pass in evaluation mode without
     * recording a graph, then restores the mode.
     */
    public final String summary(long... inputShape) {
        return ModuleSummary.of(this, inputShape);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
