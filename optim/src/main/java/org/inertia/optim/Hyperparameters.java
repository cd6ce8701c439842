package org.inertia.optim;

import java.util.Map;

/**
 * What every optimizer's options record shares, so schedules and parameter groups can work with
 * any optimizer: the learning rate and, where the optimizer has one, the momentum coefficient.
 *
 * <p>Implementations are immutable records; "setting" a value returns a new record.
 */
public interface Hyperparameters {
    /** The learning rate η. */
    double lr();

    /** A copy with another learning rate. */
    Hyperparameters withLr(double lr);

    /** True if the optimizer has a momentum coefficient schedules can move. */
    default boolean hasMomentum() {
        return true;
    }

    /** The momentum coefficient (β₁ for Adam and AdamW, as PyTorch's schedulers treat it). */
    double momentum();

    /** A copy with another momentum coefficient. */
    Hyperparameters withMomentum(double momentum);

    /**
     * Checks every value and every combination; throws {@link IllegalArgumentException} naming the
     * hyperparameter, the value and what is allowed.
     */
    void validate();

    /**
     * Every hyperparameter by its record component name, in declaration order (enums by name): what
     * optimizer state saves and what help texts print.
     */
    default Map<String, Object> asMap() {
        return HyperparameterMaps.toMap(this);
    }

    /**
     * A copy with one hyperparameter, named as in {@link #asMap()} ({@code "momentum"}, {@code "beta2"}),
     * set to {@code value} and checked: for sweeping a value without knowing the options' type.
     * Numbers convert to the component's type; enums are given by name.
     */
    default Hyperparameters with(String name, Object value) {
        return HyperparameterMaps.with(this, name, value);
    }
}
