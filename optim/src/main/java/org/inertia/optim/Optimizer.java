package org.inertia.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.inertia.core.MemoryScope;
import org.inertia.core.NoGrad;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The shared shape of every optimizer, as in {@code torch.optim}: parameter groups with their own
 * hyperparameters, per-parameter state, {@link #step()} and {@link #zeroGrad()}, and a state
 * snapshot that round-trips exactly.
 *
 * <p>A subclass writes only {@link #update}: the rule for one parameter, in place on its ND4J
 * buffers. The loop over groups and parameters, skipping parameters without a gradient, state
 * bookkeeping and diagnostics live here.
 */
public abstract class Optimizer {
    private final Class<? extends Hyperparameters> optionsType;
    private final List<ParamGroup> groups;
    /** Every parameter in group order: a parameter's position is its key in {@link #stateDict()}. */
    private final List<Tensor> params = new ArrayList<>();
    private final Map<Tensor, ParamState> state = new IdentityHashMap<>();
    private long steps;
    private boolean diagnosticsOn;
    private List<GroupDiagnostics> diagnostics = List.of();
    private List<ParamDiagnostics> parameterDiagnostics = List.of();
    private final StepDiagnostics measure = new StepDiagnostics();

    /** Checks and adopts {@code groups}, whose options must all be {@code optionsType}; for subclasses. */
    protected Optimizer(Class<? extends Hyperparameters> optionsType, ParamGroup... groups) {
        this.optionsType = optionsType;
        if (groups.length == 0) {
            throw new IllegalArgumentException(name() + ": optimizer got an empty parameter list");
        }
        this.groups = new ArrayList<>(groups.length);
        for (int g = 0; g < groups.length; g++) {
            adopt(groups[g], g, groups.length > 1);
        }
    }

    /**
     * Adds a group of parameters (a layer unfrozen during fine-tuning, a new head) with its own
     * hyperparameters, as PyTorch's {@code add_param_group}. Its parameters must not be in another
     * group; they get state as they are first updated. The group's first step uses the options given;
     * a {@link org.inertia.optim.schedule.Scheduler} created earlier drives it from its next step on,
     * with those options' learning rate and momentum as the group's base values.
     */
    public void addParamGroup(ParamGroup group) {
        adopt(group, groups.size(), true);
    }

    /** Adds {@code params} as a new group with the first group's hyperparameters. */
    public void addParamGroup(Iterable<? extends Tensor> params) {
        addParamGroup(ParamGroup.of(params, groups.get(0).options()));
    }

    /** Checks group {@code g} (options type and values, parameters) and adds it; on a problem nothing changes. */
    private void adopt(ParamGroup group, int g, boolean several) {
        Objects.requireNonNull(group, "group " + g);
        if (!optionsType.isInstance(group.options())) {
            throw new IllegalArgumentException(name() + ": group " + g + " has " + group.options().getClass().getName()
                    + " options; " + name() + " needs " + optionsType.getName());
        }
        try {
            group.options().validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name() + (several ? " group " + g : "") + ": " + e.getMessage(), e);
        }
        if (group.params().isEmpty()) {
            throw new IllegalArgumentException(name() + ": optimizer got an empty parameter list"
                    + (several ? " in group " + g : ""));
        }
        Map<Tensor, Integer> groupOf = new IdentityHashMap<>();
        for (int other = 0; other < groups.size(); other++) {
            for (Tensor p : groups.get(other).params()) {
                groupOf.put(p, other);
            }
        }
        for (int i = 0; i < group.params().size(); i++) {
            Tensor p = group.params().get(i);
            checkParameter(g, i, p);
            Integer previous = groupOf.put(p, g);
            if (previous != null) {
                throw new IllegalArgumentException(name() + ": parameter " + i + " of group " + g + " (shape "
                        + java.util.Arrays.toString(p.shape()) + ") is also in group " + previous
                        + "; some parameters appear in more than one parameter group");
            }
        }
        groups.add(group);
        params.addAll(group.params());
    }

    private void checkParameter(int group, int index, Tensor p) {
        if (p == null) {
            throw new IllegalArgumentException(name() + ": parameter " + index + " of group " + group + " is null");
        }
        if (!p.isLeaf() || !p.requiresGrad()) {
            throw new IllegalArgumentException(name() + ": parameter " + index + " of group " + group
                    + " must be a leaf tensor with requiresGrad(true)" + (p.isLeaf() ? "" : " (it was computed by '"
                    + p.gradFnName() + "')"));
        }
    }

    /** The optimizer's name in messages and snapshots, e.g. {@code Momentum}. */
    public String name() {
        return getClass().getSimpleName();
    }

    /** The parameter groups, in order (a read-only view: {@link #addParamGroup} adds to it). */
    public List<ParamGroup> paramGroups() {
        return Collections.unmodifiableList(groups);
    }

    /** How many times {@link #step()} has run. */
    public long steps() {
        return steps;
    }

    /** Forgets every parameter's gradient (see {@link Tensor#zeroGrad()}). */
    public void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    /** Updates every parameter that has a gradient, group by group. */
    public void step() {
        checkReadyForStep();
        List<GroupDiagnostics> report = diagnosticsOn ? new ArrayList<>(groups.size()) : null;
        List<ParamDiagnostics> perParameter = diagnosticsOn ? new ArrayList<>(params.size()) : null;
        NoGrad.run(() -> {
            for (int g = 0; g < groups.size(); g++) {
                ParamGroup group = groups.get(g);
                GroupNorms norms = diagnosticsOn ? new GroupNorms(g) : null;
                for (Tensor p : group.params()) {
                    Tensor grad = p.grad();
                    if (grad == null) {
                        continue;       // no gradient reached this parameter: leave it (and its state) alone
                    }
                    ParamState s = state.computeIfAbsent(p, k -> new ParamState());
                    StepDiagnostics.Before before = norms == null ? null : measure.measureBefore(p, g, grad.data(),
                            velocity(s));
                    update(p, grad.data(), s, group);
                    if (norms != null) {
                        perParameter.add(norms.add(measure.measureAfter(before, p, velocity(s))));
                    }
                }
                if (report != null) {
                    report.add(norms.result(velocityBuffer() != null));
                }
            }
        });
        steps++;
        if (report != null) {
            diagnostics = Collections.unmodifiableList(report);
            parameterDiagnostics = Collections.unmodifiableList(perParameter);
        }
    }

    private INDArray velocity(ParamState s) {
        return velocityBuffer() == null ? null : s.get(velocityBuffer());
    }

    /**
     * Evaluates the model with {@code closure} (which zeroes gradients, computes the loss and calls
     * backward), then steps. Optimizers that need the gradient elsewhere than at the current
     * parameters override this. Returns the closure's loss.
     */
    public Tensor step(Closure closure) {
        Objects.requireNonNull(closure, "closure");
        Tensor loss = closure.evaluate();
        step();
        return loss;
    }

    /** Hook for optimizers whose {@link #step()} is only valid in some configurations. */
    protected void checkReadyForStep() {
    }

    /**
     * The update rule for one parameter, in place on {@code param.data()}.
     *
     * @param grad  the parameter's gradient (read it, do not modify it: it is the user's {@code grad()})
     * @param state this parameter's buffers and step count
     * @param group the parameter's group (its hyperparameters: {@code group.options(MyOptions.class)})
     */
    protected abstract void update(Tensor param, INDArray grad, ParamState state, ParamGroup group);

    /** The state buffer holding the velocity (or first moment), or {@code null} if there is none. */
    protected String velocityBuffer() {
        return null;
    }

    /** The state of a parameter, or {@code null} before its first update. */
    public ParamState state(Tensor param) {
        return state.get(param);
    }

    /** True if {@link #resetVelocity()} is supported. */
    public boolean canResetVelocity() {
        return velocityBuffer() != null;
    }

    /**
     * Momentum restart: forgets every parameter's velocity so the next step starts afresh (as the
     * first step does). Optimizers without a velocity refuse.
     */
    public void resetVelocity() {
        if (!canResetVelocity()) {
            throw new UnsupportedOperationException(name() + " keeps no velocity to reset");
        }
        for (ParamState s : state.values()) {
            resetVelocity(s);
        }
    }

    /** Forgets one parameter's velocity; the default drops the buffer and restarts the step count. */
    protected void resetVelocity(ParamState s) {
        s.remove(velocityBuffer());
        s.setStep(0);
    }

    // ------------------------------------------------------------------ diagnostics

    /**
     * Turns per-group and per-parameter gradient / update / velocity norms on or off (off costs nothing; on
     * copies each parameter before its update, into a buffer kept for the optimizer's lifetime).
     */
    public void setDiagnostics(boolean on) {
        this.diagnosticsOn = on;
        if (!on) {
            diagnostics = List.of();
            parameterDiagnostics = List.of();
        }
    }

    /** Whether {@link #step()} measures diagnostics. */
    public boolean diagnosticsOn() {
        return diagnosticsOn;
    }

    /** The norms from the last step, one entry per group (empty when diagnostics are off). */
    public List<GroupDiagnostics> diagnostics() {
        return diagnostics;
    }

    /** The last step's numbers per parameter that had a gradient, in group order (empty when diagnostics are off). */
    public List<ParamDiagnostics> parameterDiagnostics() {
        return parameterDiagnostics;
    }

    /** A group's norms, summed in squares over its parameters. */
    private static final class GroupNorms {
        private final int group;
        private double gradSq;
        private double updateSq;
        private double velocitySq;

        GroupNorms(int group) {
            this.group = group;
        }

        /** Adds one parameter's numbers; returns them. */
        ParamDiagnostics add(ParamDiagnostics d) {
            gradSq += d.gradientNorm() * d.gradientNorm();
            updateSq += d.updateNorm() * d.updateNorm();
            if (!Double.isNaN(d.velocityNorm())) {
                velocitySq += d.velocityNorm() * d.velocityNorm();
            }
            return d;
        }

        GroupDiagnostics result(boolean hasVelocity) {
            return new GroupDiagnostics(group, Math.sqrt(gradSq), Math.sqrt(updateSq),
                    hasVelocity ? Math.sqrt(velocitySq) : Double.NaN);
        }
    }

    // ------------------------------------------------------------------ state snapshot

    /** A deep copy of the hyperparameters and per-parameter state. */
    public OptimizerState stateDict() {
        List<OptimizerState.Group> groupStates = new ArrayList<>();
        int position = 0;
        for (ParamGroup group : groups) {
            List<Integer> positions = new ArrayList<>();
            List<long[]> shapes = new ArrayList<>();
            for (Tensor p : group.params()) {
                positions.add(position++);
                shapes.add(p.shape());
            }
            groupStates.add(new OptimizerState.Group(positions, shapes, group.options().asMap()));
        }
        Map<Integer, OptimizerState.Param> paramStates = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            ParamState s = state.get(params.get(i));
            if (s != null) {
                Map<String, INDArray> copies = new LinkedHashMap<>();
                s.buffers().forEach((name, buffer) -> copies.put(name, MemoryScope.persistent(buffer::dup)));
                paramStates.put(i, new OptimizerState.Param(s.step(), Collections.unmodifiableMap(copies)));
            }
        }
        return new OptimizerState(name(), steps, groupStates, paramStates);
    }

    /**
     * Restores a snapshot taken from an optimizer of the same kind over parameters of the same
     * shapes. Everything is checked first; on any mismatch nothing changes.
     */
    public void loadStateDict(OptimizerState snapshot) {
        Prepared p = prepare(snapshot);
        for (int g = 0; g < groups.size(); g++) {
            groups.get(g).setOptions(p.options().get(g));
        }
        state.clear();
        state.putAll(p.state());
        steps = snapshot.steps();
    }

    /** Throws what {@link #loadStateDict} would refuse, changing nothing. */
    public void checkStateDict(OptimizerState snapshot) {
        prepare(snapshot);
    }

    private record Prepared(List<Hyperparameters> options, Map<Tensor, ParamState> state) {
    }

    private Prepared prepare(OptimizerState snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        if (!name().equals(snapshot.optimizer())) {
            throw new IllegalArgumentException("loadStateDict: the snapshot is from " + snapshot.optimizer()
                    + ", this optimizer is " + name());
        }
        if (snapshot.groups().size() != groups.size()) {
            throw new IllegalArgumentException("loadStateDict: the snapshot has " + snapshot.groups().size()
                    + " parameter groups, this optimizer has " + groups.size());
        }
        List<Hyperparameters> options = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            OptimizerState.Group saved = snapshot.groups().get(g);
            List<Tensor> here = groups.get(g).params();
            if (saved.params().size() != here.size()) {
                throw new IllegalArgumentException("loadStateDict: group " + g + " of the snapshot has "
                        + saved.params().size() + " parameters, this optimizer's has " + here.size());
            }
            for (int i = 0; i < here.size(); i++) {
                if (!java.util.Arrays.equals(saved.shapes().get(i), here.get(i).shape())) {
                    throw new IllegalArgumentException("loadStateDict: parameter " + i + " of group " + g + " has shape "
                            + java.util.Arrays.toString(saved.shapes().get(i)) + " in the snapshot but "
                            + java.util.Arrays.toString(here.get(i).shape()) + " here");
                }
            }
            options.add(HyperparameterMaps.fromMap(optionsType, saved.hyperparameters()));
        }
        Map<Tensor, ParamState> restored = new IdentityHashMap<>();
        for (Map.Entry<Integer, OptimizerState.Param> e : snapshot.params().entrySet()) {
            int i = e.getKey();
            if (i < 0 || i >= params.size()) {
                throw new IllegalArgumentException("loadStateDict: state for parameter " + i + " but there are only "
                        + params.size() + " parameters");
            }
            Tensor p = params.get(i);
            ParamState s = new ParamState();
            s.setStep(e.getValue().step());
            for (Map.Entry<String, INDArray> b : e.getValue().buffers().entrySet()) {
                INDArray buffer = b.getValue();
                if (!java.util.Arrays.equals(buffer.shape(), p.shape()) || buffer.dataType() != p.data().dataType()) {
                    throw new IllegalArgumentException("loadStateDict: buffer '" + b.getKey() + "' of parameter " + i
                            + " is " + buffer.dataType() + " " + java.util.Arrays.toString(buffer.shape())
                            + " but the parameter is " + p.data().dataType() + " " + java.util.Arrays.toString(p.shape()));
                }
                s.put(b.getKey(), buffer.dup());
            }
            restored.put(p, s);
        }
        return new Prepared(options, restored);
    }
}
