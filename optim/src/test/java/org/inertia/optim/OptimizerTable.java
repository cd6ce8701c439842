package org.inertia.optim;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.inertia.core.Tensor;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The one table the shared optimizer tests run over (as PyTorch's optimizer tests do): every
 * optimizer in a spread of valid configurations, and invalid configurations with the words the
 * error must contain.
 */
final class OptimizerTable {
    private OptimizerTable() {
    }

    private static Arguments valid(String name, Function<List<Tensor>, Optimizer> factory) {
        return Arguments.of(name, factory);
    }

    static Stream<Arguments> valid() {
        return Stream.of(
            valid("sgd", p -> new SGD(p, SGD.options().lr(0.05))),
            valid("sgd weight decay", p -> new SGD(p, SGD.options().lr(0.05).weightDecay(0.1))),
            valid("momentum pytorch", p -> new Momentum(p, Momentum.options().lr(0.05).momentum(0.9))),
            valid("momentum dampening + wd", p -> new Momentum(p, Momentum.options().lr(0.05).dampening(0.5)
                .weightDecay(0.01))),
            valid("momentum ema", p -> new Momentum(p, Momentum.options().lr(0.1).form(Momentum.Form.EMA))),
            valid("momentum ema bias correction", p -> new Momentum(p, Momentum.options().lr(0.1)
                .form(Momentum.Form.EMA).biasCorrection(true))),
            valid("momentum heavy ball", p -> new Momentum(p, Momentum.options().lr(0.05)
                .form(Momentum.Form.HEAVY_BALL))),
            valid("momentum restart", p -> new Momentum(p, Momentum.options().lr(0.05).adaptive(Adaptive.RESTART))),
            valid("momentum consistency", p -> new Momentum(p, Momentum.options().lr(0.05)
                .adaptive(Adaptive.CONSISTENCY))),
            valid("nesterov", p -> new Nesterov(p, Nesterov.options().lr(0.05))),
            valid("nesterov lookahead + wd", p -> new Nesterov(p, Nesterov.options().lr(0.05)
                .form(Nesterov.Form.LOOKAHEAD).weightDecay(0.01))),
            valid("nesterov lookahead restart", p -> new Nesterov(p, Nesterov.options().lr(0.05)
                .form(Nesterov.Form.LOOKAHEAD).adaptive(Adaptive.RESTART))),
            valid("rmsprop", p -> new RMSprop(p, RMSprop.options())),
            valid("rmsprop momentum centered wd", p -> new RMSprop(p, RMSprop.options().momentum(0.9).centered(true)
                .weightDecay(0.01))),
            valid("adam", p -> new Adam(p, Adam.options().lr(0.01))),
            valid("adam amsgrad + L2", p -> new Adam(p, Adam.options().lr(0.01).amsgrad(true).weightDecay(0.01))),
            valid("adamw", p -> new AdamW(p, AdamW.options().lr(0.01))),
            valid("adamw amsgrad", p -> new AdamW(p, AdamW.options().lr(0.01).amsgrad(true))));
    }

    private static Arguments invalid(String name, Function<List<Tensor>, Optimizer> factory, String... words) {
        return Arguments.of(name, factory, words);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
            invalid("negative lr", p -> new SGD(p, SGD.options().lr(-1)), "Invalid learning rate: -1.0", ">= 0"),
            invalid("NaN lr", p -> new Adam(p, Adam.options().lr(Double.NaN)), "Invalid learning rate: NaN"),
            invalid("negative weight decay", p -> new SGD(p, SGD.options().weightDecay(-0.1)),
                "Invalid weight_decay value: -0.1"),
            invalid("momentum 1", p -> new Momentum(p, Momentum.options().momentum(1.0)),
                "Invalid momentum value: 1.0", "[0, 1)"),
            invalid("momentum negative", p -> new Momentum(p, Momentum.options().momentum(-0.5)),
                "Invalid momentum value: -0.5", "[0, 1)"),
            invalid("dampening above 1", p -> new Momentum(p, Momentum.options().dampening(1.5)),
                "Invalid dampening value: 1.5", "[0, 1]"),
            invalid("dampening with ema", p -> new Momentum(p, Momentum.options().form(Momentum.Form.EMA).dampening(0.1)),
                "dampening", "PYTORCH"),
            invalid("bias correction outside ema", p -> new Momentum(p, Momentum.options().biasCorrection(true)),
                "biasCorrection", "form=EMA"),
            invalid("bias correction with heavy ball", p -> new Momentum(p, Momentum.options()
                .form(Momentum.Form.HEAVY_BALL).biasCorrection(true)), "biasCorrection", "form=EMA"),
            invalid("bias correction with consistency", p -> new Momentum(p, Momentum.options().form(Momentum.Form.EMA)
                .biasCorrection(true).adaptive(Adaptive.CONSISTENCY)), "biasCorrection", "CONSISTENCY"),
            invalid("nesterov zero momentum", p -> new Nesterov(p, Nesterov.options().momentum(0)),
                "Nesterov momentum requires a momentum and zero dampening", "momentum=0.0"),
            invalid("nesterov dampening", p -> new Nesterov(p, Nesterov.options().dampening(0.1)),
                "Nesterov momentum requires a momentum and zero dampening", "dampening=0.1"),
            invalid("rmsprop eps 0", p -> new RMSprop(p, RMSprop.options().eps(0)), "Invalid epsilon value: 0.0", "> 0"),
            invalid("rmsprop alpha 1", p -> new RMSprop(p, RMSprop.options().alpha(1)), "Invalid alpha value: 1.0"),
            invalid("rmsprop momentum 1", p -> new RMSprop(p, RMSprop.options().momentum(1)), "Invalid momentum value"),
            invalid("adam beta1 1", p -> new Adam(p, Adam.options().beta1(1.0)), "Invalid beta parameter at index 0: 1.0"),
            invalid("adam beta2 negative", p -> new Adam(p, Adam.options().beta2(-0.1)),
                "Invalid beta parameter at index 1: -0.1"),
            invalid("adamw eps negative", p -> new AdamW(p, AdamW.options().eps(-1e-8)), "Invalid epsilon value: -1.0E-8"),
            invalid("empty parameter list", p -> new Adam(List.of(), Adam.options()), "empty parameter list"),
            invalid("null form", p -> new Momentum(p, Momentum.options().form(null)), "Invalid form: null"),
            invalid("parameter in two groups", p -> new SGD(ParamGroup.of(p, SGD.options()),
                ParamGroup.of(List.of(p.get(0)), SGD.options())), "parameter 0 of group 1", "also in group 0"),
            invalid("options of another optimizer", p -> new Momentum(ParamGroup.of(p, SGD.options())),
                "group 0", "SGD$Options", "Momentum$Options"),
            invalid("parameter that does not require grad", p -> new SGD(List.of(Tensor.zeros(2)), SGD.options()),
                "requiresGrad(true)"));
    }
}
