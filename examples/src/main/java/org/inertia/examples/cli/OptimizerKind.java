package org.inertia.examples.cli;

import java.util.List;
import org.inertia.core.Tensor;
import org.inertia.optim.Adam;
import org.inertia.optim.AdamOptions;
import org.inertia.optim.AdamW;
import org.inertia.optim.Hyperparameters;
import org.inertia.optim.Momentum;
import org.inertia.optim.Nesterov;
import org.inertia.optim.Optimizer;
import org.inertia.optim.RMSprop;

/**
 * The optimizers the command line can build, and the one place their command-line defaults live:
 * the library's own ({@link #libraryDefaults()}, which {@code trace} uses) and the learning rate
 * {@code train} and {@code compare} use instead ({@link #exampleLr()}). Help texts print both.
 */
public enum OptimizerKind {
    SGD(0.05), MOMENTUM(0.05), NESTEROV(0.05), RMSPROP(1e-3), ADAM(1e-3), ADAMW(1e-3);

    private final double exampleLr;

    OptimizerKind(double exampleLr) {
        this.exampleLr = exampleLr;
    }

    /** The learning rate {@code train} and {@code compare} use without {@code --lr}, tuned on the bundled examples. */
    public double exampleLr() {
        return exampleLr;
    }

    /** The library's defaults for this optimizer (PyTorch's). */
    public Hyperparameters libraryDefaults() {
        return switch (this) {
            case SGD -> org.inertia.optim.SGD.options();
            case MOMENTUM -> Momentum.options();
            case NESTEROV -> Nesterov.options();
            case RMSPROP -> RMSprop.options();
            case ADAM -> Adam.options();
            case ADAMW -> AdamW.options();
        };
    }

    /** {@link #libraryDefaults()} with {@link #exampleLr()}: what {@code train} builds when no flag is given. */
    public Hyperparameters exampleDefaults() {
        return libraryDefaults().withLr(exampleLr);
    }

    /** This optimizer over {@code params} with {@code options} (of this optimizer's options type). */
    public Optimizer create(List<? extends Tensor> params, Hyperparameters options) {
        return switch (this) {
            case SGD -> new org.inertia.optim.SGD(params, (org.inertia.optim.SGD.Options) options);
            case MOMENTUM -> new Momentum(params, (Momentum.Options) options);
            case NESTEROV -> new Nesterov(params, (Nesterov.Options) options);
            case RMSPROP -> new RMSprop(params, (RMSprop.Options) options);
            case ADAM -> new Adam(params, (AdamOptions) options);
            case ADAMW -> new AdamW(params, (AdamOptions) options);
        };
    }
}
