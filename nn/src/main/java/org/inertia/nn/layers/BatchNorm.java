package org.inertia.nn.layers;

import org.inertia.core.DType;
import org.inertia.core.NoGrad;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Normalization;
import org.inertia.nn.Module;
import org.inertia.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalisation over the channel axis, shared by {@link BatchNorm1d} and {@link BatchNorm2d}.
 *
 * <p>Training: normalise with this batch's mean and (biased) variance, and update the running
 * statistics, running ← (1 − m)·running + m·batch with m = {@code momentum} and the batch variance
 * unbiased (·n/(n − 1)), as PyTorch. Evaluation: normalise with the running statistics.
 * State-dict names as PyTorch: {@code weight}, {@code bias}, {@code running_mean},
 * {@code running_var}, {@code num_batches_tracked} (int64).
 */
public abstract class BatchNorm extends Module {
    /**
     * @param eps      added to the variance (default 1e-5)
     * @param momentum weight of the new batch in the running statistics (default 0.1)
     * @param affine   learn a scale γ (weight) and shift β (bias) (default true)
     */
    public record Options(long channels, double eps, double momentum, boolean affine, DType dtype) {
        /** A copy with ε set. */
        public Options eps(double v) {
            return new Options(channels, v, momentum, affine, dtype);
        }

        /** A copy with the running statistics' momentum set. */
        public Options momentum(double v) {
            return new Options(channels, eps, v, affine, dtype);
        }

        /** A copy with or without the learned scale and shift. */
        public Options affine(boolean v) {
            return new Options(channels, eps, momentum, v, dtype);
        }

        /** A copy with the parameters' and buffers' dtype set. */
        public Options dtype(DType v) {
            return new Options(channels, eps, momentum, affine, v);
        }
    }

    /** PyTorch's defaults for {@code channels} channels: eps 1e-5, momentum 0.1, affine, float32. */
    public static Options options(long channels) {
        return new Options(channels, 1e-5, 0.1, true, DType.DEFAULT);
    }

    private final Options options;
    private final Parameter weight;
    private final Parameter bias;

    /** Checks the options and registers weight, bias and the running statistics. */
    protected BatchNorm(Options o) {
        if (o.channels() < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": channels must be >= 1, got " + o.channels());
        }
        if (!(o.eps() > 0)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": eps must be > 0, got " + o.eps());
        }
        if (!(o.momentum() >= 0 && o.momentum() <= 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": momentum must be in [0, 1], got "
                    + o.momentum());
        }
        this.options = o;
        weight = o.affine() ? registerParameter("weight", new Parameter(Nd4j.ones(o.dtype().nd4j(), o.channels()))) : null;
        bias = o.affine() ? registerParameter("bias", Parameter.zeros(o.dtype(), o.channels())) : null;
        registerBuffer("running_mean", Tensor.zeros(o.dtype(), o.channels()));
        registerBuffer("running_var", Tensor.ones(o.dtype(), o.channels()));
        registerBuffer("num_batches_tracked", Tensor.wrap(Nd4j.scalar(DType.INT64.nd4j(), 0L)));
    }

    /** Checks the input's rank and channel count and returns it in the 2-D or 4-D form the op takes. */
    protected abstract Tensor toOpLayout(Tensor x);

    /** Undoes {@link #toOpLayout}. */
    protected abstract Tensor fromOpLayout(Tensor y, Tensor x);

    /** The number of channels normalised. */
    protected final long channels() {
        return options.channels();
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = toOpLayout(input);
        if (!isTraining()) {
            return fromOpLayout(Normalization.batchNormInference(x, runningMean().data(), runningVar().data(), weight,
                    bias, options.eps()), input);
        }
        Normalization.BatchNormResult r = Normalization.batchNorm(x, weight, bias, options.eps());
        NoGrad.run(() -> updateRunningStatistics(r, x.numel() / channels()));
        return fromOpLayout(r.output(), input);
    }

    private void updateRunningStatistics(Normalization.BatchNormResult r, long n) {
        double m = options.momentum();
        INDArray unbiased = r.variance().mul((double) n / (n - 1));
        runningMean().data().muli(1 - m).addi(r.mean().mul(m));
        runningVar().data().muli(1 - m).addi(unbiased.muli(m));
        buffer("num_batches_tracked").data().addi(1);
    }

    /** The learned scale γ, or {@code null} without affine parameters. */
    public Parameter weight() {
        return weight;
    }

    /** The learned shift β, or {@code null} without affine parameters. */
    public Parameter bias() {
        return bias;
    }

    /** The running mean used in evaluation (buffer {@code running_mean}). */
    public Tensor runningMean() {
        return buffer("running_mean");
    }

    /** The running (unbiased) variance used in evaluation (buffer {@code running_var}). */
    public Tensor runningVar() {
        return buffer("running_var");
    }

    /** How many training batches updated the running statistics. */
    public long batchesTracked() {
        return buffer("num_batches_tracked").data().getLong(0);
    }
}
