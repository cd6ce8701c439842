package org.inertia.examples.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.inertia.core.Tensor;
import org.inertia.optim.AdamOptions;
import org.inertia.optim.Adaptive;
import org.inertia.optim.Hyperparameters;
import org.inertia.optim.Momentum;
import org.inertia.optim.Nesterov;
import org.inertia.optim.Optimizer;
import org.inertia.optim.RMSprop;
import org.inertia.optim.SGD;
import picocli.CommandLine.Option;

/**
 * The optimizer hyperparameter flags shared by {@code trace}, {@code train} and {@code compare}.
 * Every flag is optional: an unset flag keeps the default of {@link OptimizerKind} (which the help's
 * generated defaults table prints). A flag is an error only if none of the chosen optimizers has
 * that hyperparameter.
 */
public final class OptimizerFlags {
    @Option(names = "--lr", paramLabel = "η", description = "Learning rate > 0.")
    Double lr;

    @Option(names = "--momentum", paramLabel = "μ", description = "Momentum coefficient in [0, 1) for momentum, "
            + "nesterov and rmsprop.")
    Double momentum;

    @Option(names = "--dampening", paramLabel = "τ", description = "Dampening in [0, 1] for momentum's pytorch form "
            + "(nesterov requires 0).")
    Double dampening;

    @Option(names = "--weight-decay", paramLabel = "λ", description = "L2 weight decay ≥ 0 (decoupled for adamw).")
    Double weightDecay;

    @Option(names = "--form", paramLabel = "FORM", description = "momentum: pytorch, ema or heavy-ball; "
            + "nesterov: pytorch or lookahead.")
    String form;

    @Option(names = "--bias-correction", description = "Divide the EMA velocity by 1 − βᵗ (momentum, form ema).")
    Boolean biasCorrection;

    @Option(names = "--adaptive", paramLabel = "MODE", description = "Adaptive momentum for momentum and nesterov: "
            + "none, restart (reset v when gᵀv < 0) or consistency (β·(1 + cos(g, v))/2).")
    String adaptive;

    @Option(names = "--alpha", paramLabel = "α", description = "RMSprop smoothing constant in [0, 1).")
    Double alpha;

    @Option(names = "--eps", paramLabel = "ε", description = "Denominator term > 0 for rmsprop, adam, adamw.")
    Double eps;

    @Option(names = "--centered", description = "RMSprop: normalise by the gradient variance.")
    Boolean centered;

    @Option(names = "--beta1", paramLabel = "β₁", description = "Adam/AdamW first-moment decay in [0, 1).")
    Double beta1;

    @Option(names = "--beta2", paramLabel = "β₂", description = "Adam/AdamW second-moment decay in [0, 1).")
    Double beta2;

    @Option(names = "--amsgrad", description = "Adam/AdamW: use the running maximum of the second moment.")
    Boolean amsgrad;

    private record Flag(String name, Object value, Set<OptimizerKind> appliesTo) {
    }

    private List<Flag> flags() {
        Set<OptimizerKind> all = EnumSet.allOf(OptimizerKind.class);
        Set<OptimizerKind> adams = EnumSet.of(OptimizerKind.ADAM, OptimizerKind.ADAMW);
        Set<OptimizerKind> heavy = EnumSet.of(OptimizerKind.MOMENTUM, OptimizerKind.NESTEROV);
        List<Flag> list = new ArrayList<>();
        list.add(new Flag("--lr", lr, all));
        list.add(new Flag("--weight-decay", weightDecay, all));
        list.add(new Flag("--momentum", momentum, EnumSet.of(OptimizerKind.MOMENTUM, OptimizerKind.NESTEROV,
                OptimizerKind.RMSPROP)));
        list.add(new Flag("--dampening", dampening, heavy));
        list.add(new Flag("--form", form, heavy));
        list.add(new Flag("--adaptive", adaptive, heavy));
        list.add(new Flag("--bias-correction", biasCorrection, EnumSet.of(OptimizerKind.MOMENTUM)));
        list.add(new Flag("--alpha", alpha, EnumSet.of(OptimizerKind.RMSPROP)));
        list.add(new Flag("--centered", centered, EnumSet.of(OptimizerKind.RMSPROP)));
        list.add(new Flag("--eps", eps, EnumSet.of(OptimizerKind.RMSPROP, OptimizerKind.ADAM, OptimizerKind.ADAMW)));
        list.add(new Flag("--beta1", beta1, adams));
        list.add(new Flag("--beta2", beta2, adams));
        list.add(new Flag("--amsgrad", amsgrad, adams));
        return list;
    }

    /** Refuses flags that none of {@code kinds} understands, naming the optimizers that do. */
    public void checkApplicable(List<OptimizerKind> kinds) {
        for (Flag f : flags()) {
            if (f.value() != null && kinds.stream().noneMatch(f.appliesTo()::contains)) {
                throw new IllegalArgumentException(f.name() + " does not apply to " + names(kinds) + " (it applies to "
                        + names(new ArrayList<>(f.appliesTo())) + ")");
            }
        }
    }

    private static String names(List<OptimizerKind> kinds) {
        return kinds.stream().map(Choices::cliName).collect(Collectors.joining(", "));
    }

    /** Parses a comma list of optimizer names. */
    public static List<OptimizerKind> parseKinds(String option, List<String> raw) {
        List<OptimizerKind> kinds = new ArrayList<>();
        for (String r : raw) {
            OptimizerKind k = Choices.parse(option, r, OptimizerKind.class);
            if (kinds.contains(k)) {
                throw new IllegalArgumentException(option + " lists " + Choices.cliName(k) + " twice");
            }
            kinds.add(k);
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException(option + " needs at least one optimizer (allowed: "
                    + Choices.names(OptimizerKind.class) + ")");
        }
        return kinds;
    }

    /** These flags over the library's defaults for {@code kind}, checked. */
    public Hyperparameters libraryOptions(OptimizerKind kind) {
        return checked(apply(kind, kind.libraryDefaults()));
    }

    /** These flags over {@code train}'s defaults for {@code kind}, checked. */
    public Hyperparameters exampleOptions(OptimizerKind kind) {
        return checked(apply(kind, kind.exampleDefaults()));
    }

    /** The optimizer {@code kind} over {@code params}: these flags over the library's defaults. */
    public Optimizer build(OptimizerKind kind, List<? extends Tensor> params) {
        return kind.create(params, libraryOptions(kind));
    }

    /** The optimizer {@code kind} over {@code params}: these flags over {@code train}'s defaults. */
    public Optimizer buildForExamples(OptimizerKind kind, List<? extends Tensor> params) {
        return kind.create(params, exampleOptions(kind));
    }

    private static Hyperparameters checked(Hyperparameters h) {
        h.validate();
        return h;
    }

    private Hyperparameters apply(OptimizerKind kind, Hyperparameters defaults) {
        return switch (kind) {
            case SGD -> sgd((SGD.Options) defaults);
            case MOMENTUM -> momentum((Momentum.Options) defaults);
            case NESTEROV -> nesterov((Nesterov.Options) defaults);
            case RMSPROP -> rmsprop((RMSprop.Options) defaults);
            case ADAM, ADAMW -> adam((AdamOptions) defaults);
        };
    }

    private SGD.Options sgd(SGD.Options o) {
        o = lr == null ? o : o.lr(lr);
        return weightDecay == null ? o : o.weightDecay(weightDecay);
    }

    private Momentum.Options momentum(Momentum.Options o) {
        o = lr == null ? o : o.lr(lr);
        o = momentum == null ? o : o.momentum(momentum);
        o = dampening == null ? o : o.dampening(dampening);
        o = weightDecay == null ? o : o.weightDecay(weightDecay);
        o = form == null ? o : o.form(Choices.parse("--form (momentum)", form, Momentum.Form.class));
        o = biasCorrection == null ? o : o.biasCorrection(biasCorrection);
        return adaptive == null ? o : o.adaptive(Choices.parse("--adaptive", adaptive, Adaptive.class));
    }

    private Nesterov.Options nesterov(Nesterov.Options o) {
        o = lr == null ? o : o.lr(lr);
        o = momentum == null ? o : o.momentum(momentum);
        o = dampening == null ? o : o.dampening(dampening);
        o = weightDecay == null ? o : o.weightDecay(weightDecay);
        o = form == null ? o : o.form(Choices.parse("--form (nesterov)", form, Nesterov.Form.class));
        return adaptive == null ? o : o.adaptive(Choices.parse("--adaptive", adaptive, Adaptive.class));
    }

    private RMSprop.Options rmsprop(RMSprop.Options o) {
        o = lr == null ? o : o.lr(lr);
        o = alpha == null ? o : o.alpha(alpha);
        o = eps == null ? o : o.eps(eps);
        o = weightDecay == null ? o : o.weightDecay(weightDecay);
        o = momentum == null ? o : o.momentum(momentum);
        return centered == null ? o : o.centered(centered);
    }

    private AdamOptions adam(AdamOptions o) {
        o = lr == null ? o : o.lr(lr);
        o = beta1 == null ? o : o.beta1(beta1);
        o = beta2 == null ? o : o.beta2(beta2);
        o = eps == null ? o : o.eps(eps);
        o = weightDecay == null ? o : o.weightDecay(weightDecay);
        return amsgrad == null ? o : o.amsgrad(amsgrad);
    }
}
