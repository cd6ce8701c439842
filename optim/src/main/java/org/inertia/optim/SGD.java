package org.inertia.optim;

import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Plain stochastic gradient descent.
 *
 * <pre>
 *   g ← g + λθ          (L2 weight decay, if λ ≠ 0)
 *   θ ← θ − η g
 * </pre>
 *
 * Use it as the baseline every other optimizer is compared with. For momentum use {@link Momentum}
 * or {@link Nesterov}, which are PyTorch's {@code SGD(momentum=..., nesterov=...)}.
 */
public final class SGD extends Optimizer {

    /**
     * @param lr          learning rate η (default 1e-3, PyTorch 2's default)
     * @param weightDecay L2 penalty λ (default 0)
     */
    public record Options(double lr, double weightDecay) implements Hyperparameters {
        /** A copy with {@code lr} set to the given value (checked when an optimizer adopts it). */
        public Options lr(double v) {
            return new Options(v, weightDecay);
        }

        /** A copy with {@code weightDecay} set to the given value (checked when an optimizer adopts it). */
        public Options weightDecay(double v) {
            return new Options(lr, v);
        }

        @Override
        public Options withLr(double v) {
            return lr(v);
        }

        @Override
        public boolean hasMomentum() {
            return false;
        }

        @Override
        public double momentum() {
            return 0;
        }

        @Override
        public Options withMomentum(double momentum) {
            throw new UnsupportedOperationException("SGD has no momentum; use Momentum or Nesterov");
        }

        @Override
        public void validate() {
            Check.learningRate(lr);
            Check.weightDecay(weightDecay);
        }
    }

    /** SGD's defaults (PyTorch's): start here and change what you need. */
    public static Options options() {
        return new Options(1e-3, 0);
    }

    /** SGD over {@code params}, one group with {@code options}. */
    public SGD(Iterable<? extends Tensor> params, Options options) {
        this(ParamGroup.of(params, options));
    }

    /** SGD over parameter groups, each with its own options (layer-wise learning rates and momenta). */
    public SGD(ParamGroup... groups) {
        super(Options.class, groups);
    }

    @Override
    protected void update(Tensor param, INDArray grad, ParamState state, ParamGroup group) {
        Options o = group.options(Options.class);
        INDArray g = InPlace.withWeightDecay(grad, param.data(), o.weightDecay());
        InPlace.axpy(-o.lr(), g, param.data());                        // θ ← θ − η g
        state.setStep(state.step() + 1);
    }
}
