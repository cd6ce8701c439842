package org.inertia.optim;

import java.util.List;
import org.inertia.core.DType;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Losses;

/** A small least-squares problem in float64: loss = mean((X·W + b − Y)²), parameters W [4,3] and b [3]. */
final class Problem {
    final Tensor x;
    final Tensor y;
    final Tensor weight;
    final Tensor bias;

    Problem(long seed) {
        Rng rng = new Rng(seed);
        x = Tensor.normal(DType.FLOAT64, rng, 0, 1, 8, 4);
        y = Tensor.normal(DType.FLOAT64, rng, 0, 1, 8, 3);
        weight = Tensor.normal(DType.FLOAT64, rng, 0, 1, 4, 3).requiresGrad(true);
        bias = Tensor.normal(DType.FLOAT64, rng, 0, 1, 3).requiresGrad(true);
    }

    List<Tensor> params() {
        return List.of(weight, bias);
    }

    Tensor loss() {
        return Losses.mse(x.matmul(weight).add(bias), y);
    }

    /** One optimizer step through the closure form (valid for every optimizer). */
    Tensor step(Optimizer optimizer) {
        return optimizer.step(() -> {
            optimizer.zeroGrad();
            Tensor loss = loss();
            loss.backward();
            return loss;
        });
    }

    /** Copies of the current parameter values. */
    double[][] snapshot() {
        return new double[][] {weight.toDoubleArray(), bias.toDoubleArray()};
    }

    void load(double[][] values) {
        weight.data().assign(Tensor.of(DType.FLOAT64, values[0], 4, 3).data());
        bias.data().assign(Tensor.of(DType.FLOAT64, values[1], 3).data());
    }
}
