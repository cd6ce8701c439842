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
 * <pre>{@code
 * class Net extends Module {
 *     final Linear stem = new Linear(784, 128);       // registered as "stem": stem.weight, stem.bias
 *     final Linear head = new Linear(128, 10);
 *     public Tensor forward(Tensor x) { return head.call(stem.call(x.flatten(1)).relu()); }
 * }
 * }</pre>
 *
 * <p>Fields holding a {@code Module} or a {@link Parameter} are registered under the field's name, in
 * declaration order (superclass fields first), the first time the module is traversed
 * ({@link #parameters()}, {@link #stateDict()}, ...); {@code transient} fields are left out, and an
 * object registered explicitly ({@link #registerModule}, {@link #registerParameter}) keeps that name.
 * Fields are read by reflection: code in a named Java module must {@code opens} its package to
 * {@code org.inertia.nn}.
 *
 * <p>Names follow PyTorch so state dicts move between the two: a parameter is named by the path of
 * modules leading to it, {@code features.0.weight}; {@link Sequential} names its children 0, 1, ...;
 * {@link #stateDict()} lists each module's parameters, then its buffers, then its children's.
 * Call children with {@link #call} (not {@code forward}) so that {@link #summary} sees them.
 */
public abstract class Module {
    /** Per class: its instance fields (and its superclasses') that can hold a Module or a Parameter. */
    private static final ClassValue<List<java.lang.reflect.Field>> MEMBER_FIELDS = new ClassValue<>() {
        @Override
        protected List<java.lang.reflect.Field> computeValue(Class<?> type) {
            List<java.lang.reflect.Field> fields = new ArrayList<>();
            if (type.getSuperclass() != null && Module.class.isAssignableFrom(type.getSuperclass())) {
                fields.addAll(get(type.getSuperclass()));
            }
            if (type == Module.class) {
                return fields;
            }
            for (java.lang.reflect.Field f : type.getDeclaredFields()) {
                int mods = f.getModifiers();
                boolean member = Module.class.isAssignableFrom(f.getType()) || Parameter.class.isAssignableFrom(f.getType());
                if (member && !java.lang.reflect.Modifier.isStatic(mods) && !java.lang.reflect.Modifier.isTransient(mods)
                        && !f.isSynthetic()) {
                    f.setAccessible(true);
                    fields.add(f);
                }
            }
            return List.copyOf(fields);
        }
    };

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Rng> randomSources = new LinkedHashMap<>();
    /** Names registered from fields, which a reassigned field may update. */
    private final java.util.Set<String> fromFields = new java.util.HashSet<>();
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

    /** Registers a parameter under {@code name} (no dots) and returns it; fields are registered without this call. */
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

    /** Registers a child module under {@code name} (no dots) and returns it; fields are registered without this call. */
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

    /** Registers this module's Module and Parameter fields not registered yet (see the class comment). */
    private void registerFields() {
        for (java.lang.reflect.Field f : MEMBER_FIELDS.get(getClass())) {
            Object value;
            try {
                value = f.get(this);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read field '" + f.getName() + "' of " + getClass().getName(), e);
            }
            String name = f.getName();
            if (value instanceof Parameter p && !containsIdentity(parameters, p)) {
                if (fromFields.contains(name) || !isRegistered(name)) {
                    parameters.put(name, p);
                    fromFields.add(name);
                }
            } else if (value instanceof Module m && m != this && !containsIdentity(children, m)) {
                if (fromFields.contains(name) || !isRegistered(name)) {
                    children.put(name, m);
                    fromFields.add(name);
                }
            }
        }
    }

    private static boolean containsIdentity(Map<String, ?> map, Object value) {
        for (Object v : map.values()) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private boolean isRegistered(String name) {
        return parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)
                || randomSources.containsKey(name);
    }

    /** The buffer registered as {@code name} (for subclasses that keep their state in buffers). */
    protected final Tensor buffer(String name) {
        Tensor b = buffers.get(name);
        if (b == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " has no buffer '" + name + "'");
        }
        return b;
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

    /**
     * Whether this module's random draws are the same for each example whether a batch runs whole or
     * split into row slices on several threads: it draws through {@link BatchSlice} when one is current.
     * Models whose random layers all do can be trained data-parallel. Default: false.
     */
    public boolean drawsSliceInvariant() {
        return false;
    }

    /** Direct children by name. */
    public final Map<String, Module> children() {
        registerFields();
        return Collections.unmodifiableMap(children);
    }

    /** This module ("") and every descendant, by dotted name. */
    public final Map<String, Module> namedModules() {
        registerFields();
        Map<String, Module> out = new LinkedHashMap<>();
        out.put("", this);
        for (Map.Entry<String, Module> c : children.entrySet()) {
            c.getValue().namedModules().forEach((name, m) -> out.put(name.isEmpty() ? c.getKey() : c.getKey() + "." + name, m));
        }
        return out;
    }

    private <T> void collect(String prefix, Map<String, T> out, java.util.function.Function<Module, Map<String, ? extends T>> own) {
        registerFields();
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

    /** Training mode if {@code on}, evaluation mode if not, for this module and every descendant; returns {@code this}. */
    public final Module train(boolean on) {
        registerFields();
        training = on;
        children.values().forEach(c -> c.train(on));
        return this;
    }

    /** Whether this module is in training mode. */
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
        registerFields();
        parameters.forEach((name, p) -> out.put(prefix + name, p));
        buffers.forEach((name, b) -> out.put(prefix + name, b));
        children.forEach((name, child) -> child.collectState(prefix + name + ".", out));
    }

    /** What a non-strict {@link #loadStateDict(Map, boolean)} left out: names this module has that the state
     * lacked, and names the state had that this module lacks. */
    public record LoadResult(List<String> missing, List<String> unexpected) {
        /** Copies the name lists. */
        public LoadResult {
            missing = List.copyOf(missing);
            unexpected = List.copyOf(unexpected);
        }
    }

    /**
     * Copies {@code state} into this module's parameters and buffers (in place, so optimizers keep
     * working on the same tensors). Every name, shape and dtype is checked first; on any problem
     * nothing is copied and the error lists all of them. Same as {@code loadStateDict(state, true)}.
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        loadStateDict(state, true);
    }

    /**
     * Copies {@code state} into this module's parameters and buffers, in place. With {@code strict}
     * every name must match both ways (as {@link #loadStateDict(Map)}); without, the names present in
     * both are copied and the rest are returned (PyTorch's {@code strict=False}), e.g. to load a
     * backbone into a model with a new head. Shapes and dtypes must always match: any mismatch, or a
     * missing or unexpected name under {@code strict}, refuses the whole load with every problem
     * listed, changing nothing.
     */
    public final LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> mine = stateDict();
        LoadResult result = validate(state, mine, strict);
        NoGrad.run(() -> mine.forEach((name, t) -> {
            if (state.containsKey(name)) {
                t.data().assign(state.get(name).data());
            }
        }));
        return result;
    }

    /** Throws what a strict {@link #loadStateDict} would refuse, changing nothing. */
    public final void checkStateDict(Map<String, Tensor> state) {
        validate(state, stateDict(), true);
    }

    /** The names {@code state} misses and adds; throws listing every problem a load with {@code strict} refuses. */
    private static LoadResult validate(Map<String, Tensor> state, Map<String, Tensor> mine, boolean strict) {
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String name : mine.keySet()) {
            if (!state.containsKey(name)) {
                missing.add(name);
            }
        }
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            Tensor target = mine.get(e.getKey());
            if (target == null) {
                unexpected.add(e.getKey());
            } else if (!Arrays.equals(target.shape(), e.getValue().shape())) {
                problems.add("'" + e.getKey() + "' has shape " + Arrays.toString(e.getValue().shape()) + ", expected "
                        + Arrays.toString(target.shape()));
            } else if (target.dtype() != e.getValue().dtype()) {
                problems.add("'" + e.getKey() + "' is " + e.getValue().dtype() + ", expected " + target.dtype());
            }
        }
        if (strict) {
            for (int i = missing.size() - 1; i >= 0; i--) {
                problems.add(0, "missing '" + missing.get(i) + "'");
            }
            unexpected.forEach(name -> problems.add("unexpected '" + name + "'"));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict: " + String.join("; ", problems));
        }
        return new LoadResult(missing, unexpected);
    }

    /**
     * Converts every floating parameter and buffer of this module and its descendants to {@code dtype}
     * (int64 buffers such as {@code num_batches_tracked} stay), in place: parameters keep their
     * identity, so convert before building the optimizer (its state follows the parameters' dtype).
     * Returns {@code this}.
     */
    public final Module to(org.inertia.core.DType dtype) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("to(" + dtype + "): a module converts to float32 or float64");
        }
        for (Module m : namedModules().values()) {
            m.parameters.values().forEach(p -> p.convertTo(dtype));
            m.buffers.replaceAll((name, b) -> b.dtype().isFloating() && b.dtype() != dtype ? b.to(dtype).keep() : b);
        }
        return this;
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
