package org.inertia.learn.lesson4;

import java.util.List;
import org.inertia.core.Tensor;
import org.inertia.optim.Momentum;
import org.inertia.optim.Optimizer;
import org.inertia.optim.ParamGroup;
import org.inertia.optim.ParamState;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Your exercise for lesson 4 (docs/learn/4-sgd-momentum-nesterov.md): an optimizer written the way the
 * library writes its own — only the update of one parameter, in place on its ND4J buffer. Check it
 * with {@code ./mvnw -q -pl learn -am test -Dgroups=lesson4 -Dinertia.learn=exercises}.
 */
public final class MyMomentum extends Optimizer {
    private final boolean nesterov;

    /** Momentum (or, with {@code nesterov}, Nesterov momentum) over {@code params}. */
    public MyMomentum(List<Tensor> params, double lr, double beta, boolean nesterov) {
        super(Momentum.Options.class, ParamGroup.of(params, Momentum.options().lr(lr).momentum(beta)));
        this.nesterov = nesterov;
    }

    @Override
    protected void update(Tensor param, INDArray grad, ParamState state, ParamGroup group) {
        Momentum.Options o = group.options(Momentum.Options.class);      // o.lr() is η, o.momentum() is β
        INDArray theta = param.data();                                     // change it in place
        INDArray v = state.get("momentum_buffer");                         // null on the first step
        // First step: state.put("momentum_buffer", grad.dup()). Later: v.muli(β).addi(grad).
        // Then θ ← θ − ηv (momentum) or θ ← θ − η(g + βv) (nesterov), e.g. theta.subi(v.mul(η)).
        throw new UnsupportedOperationException("not implemented: lesson 4, MyMomentum.update");
    }
}
