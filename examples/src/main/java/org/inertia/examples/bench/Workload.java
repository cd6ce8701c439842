package org.inertia.examples.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.inertia.core.Tensor;
import org.inertia.examples.models.ModelKind;
import org.inertia.optim.Adam;
import org.inertia.optim.AdamOptions;
import org.inertia.optim.Hyperparameters;
import org.inertia.optim.Momentum;
import org.inertia.optim.Optimizer;

/**
 * The fixed training workloads {@code bench} measures (and {@code bench/pytorch_bench.py} mirrors).
 */
public enum Workload {
    /** 784-512-256-10 ReLU MLP, batch 128, momentum 0.9 (PyTorch form), lr 0.05. */
    MLP(ModelKind.MLP, 128, p -> new Momentum(p, Momentum.options().lr(0.05).momentum(0.9))),
    /** LeNet-5, batch 64, Adam lr 1e-3. */
    LENET5(ModelKind.LENET5, 64, p -> new Adam(p, Adam.options().lr(1e-3))),
    /** conv 32, conv 64, pool, 9216-128-10 (no dropout), batch 64, Adam lr 1e-3. */
    CONVNET(ModelKind.CONVNET, 64, p -> new Adam(p, Adam.options().lr(1e-3)));

    private final ModelKind model;
    private final int batchSize;
    private final Function<List<? extends Tensor>, Optimizer> optimizer;

    Workload(ModelKind model, int batchSize, Function<List<? extends Tensor>, Optimizer> optimizer) {
        this.model = model;
        this.batchSize = batchSize;
        this.optimizer = optimizer;
    }

    public ModelKind model() {
        return model;
    }

    public int batchSize() {
        return batchSize;
    }

    public Optimizer optimizer(List<? extends Tensor> params) {
        return optimizer.apply(params);
    }

    /** For help texts, from the workload itself: {@code mlp (batch 128, Momentum lr 0.05 momentum 0.9)}. */
    public String describe() {
        Optimizer o = optimizer(List.of(Tensor.zeros(1).requiresGrad(true)));
        Hyperparameters h = o.paramGroups().get(0).options();
        boolean momentum = h.hasMomentum() && !(h instanceof AdamOptions);
        return name().toLowerCase(Locale.ROOT) + " (batch " + batchSize + ", " + o.getClass().getSimpleName() + " lr "
                + h.lr() + (momentum ? " momentum " + h.momentum() : "") + ")";
    }
}
