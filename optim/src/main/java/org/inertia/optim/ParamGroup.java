package org.inertia.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.inertia.core.Tensor;

/**
 * Parameters that share hyperparameters: layer-wise learning rates and momenta come from giving
 * each layer its own group. Schedules change a group's learning rate and momentum as training goes.
 *
 * <pre>{@code
 * var base = Momentum.options().lr(0.1).momentum(0.9);
 * Optimizer opt = new Momentum(
 *     ParamGroup.of(backbone.parameters(), base.lr(0.01)),
 *     ParamGroup.of(head.parameters(), base));
 * }</pre>
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private Hyperparameters options;

    private ParamGroup(List<Tensor> params, Hyperparameters options) {
        this.params = params;
        this.options = options;
    }

    /** A group of {@code params} trained with {@code options} (validated when an optimizer adopts it). */
    public static ParamGroup of(Iterable<? extends Tensor> params, Hyperparameters options) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(options, "options");
        List<Tensor> list = new ArrayList<>();
        params.forEach(list::add);
        return new ParamGroup(Collections.unmodifiableList(list), options);
    }

    /** The group's parameters, in order (read-only). */
    public List<Tensor> params() {
        return params;
    }

    /** The group's current hyperparameters. */
    public Hyperparameters options() {
        return options;
    }

    /** This group's options as the optimizer's own record type. */
    public <T extends Hyperparameters> T options(Class<T> type) {
        return type.cast(options);
    }

    /** Replaces the options after checking them. */
    public void setOptions(Hyperparameters options) {
        Objects.requireNonNull(options, "options").validate();
        if (options.getClass() != this.options.getClass()) {
            throw new IllegalArgumentException("setOptions: this group holds " + this.options.getClass().getSimpleName()
                    + ", got " + options.getClass().getSimpleName());
        }
        this.options = options;
    }

    /** The group's learning rate. */
    public double lr() {
        return options.lr();
    }

    /** Sets the group's learning rate (what schedules do); refused if out of range. */
    public void setLr(double lr) {
        setOptions(options.withLr(lr));
    }

    /** The group's momentum (β₁ for Adam and AdamW; 0 for optimizers without one). */
    public double momentum() {
        return options.momentum();
    }

    /** Sets the group's momentum; refused if out of range or if the optimizer has none. */
    public void setMomentum(double momentum) {
        setOptions(options.withMomentum(momentum));
    }
}
