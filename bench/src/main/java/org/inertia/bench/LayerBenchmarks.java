package org.inertia.bench;

import java.util.concurrent.TimeUnit;
import org.inertia.core.MemoryScope;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Convolution;
import org.inertia.core.ops.Losses;
import org.inertia.core.ops.MatMul;
import org.inertia.core.ops.Window2d;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward + backward of the layers the bench workloads spend their time in, at the workloads' shapes
 * (float32). Each call is one training step's worth of that layer inside a {@link MemoryScope}, as
 * the trainer runs it. Sample-time mode, so JMH reports the median (p0.50) per call.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LayerBenchmarks {

    /** The mlp workload's three linear layers (batch 128); the first gets no input gradient. */
    @State(Scope.Thread)
    public static class LinearState {
        @Param({"128x784x512", "128x512x256", "128x256x10"})
        public String shape;
        Tensor x;
        Tensor w;
        Tensor b;

        @Setup(Level.Trial)
        public void setUp() {
            String[] s = shape.split("x");
            Rng rng = new Rng(1);
            long batch = Long.parseLong(s[0]);
            long in = Long.parseLong(s[1]);
            long out = Long.parseLong(s[2]);
            x = Tensor.normal(rng, 0, 1, batch, in).requiresGrad(in != 784);
            w = Tensor.normal(rng, 0, 0.05, out, in).requiresGrad(true);
            b = Tensor.zeros(out).requiresGrad(true);
        }
    }

    @Benchmark
    public double linearForwardBackward(LinearState s) {
        try (MemoryScope step = MemoryScope.enter()) {
            s.w.zeroGrad();
            s.b.zeroGrad();
            s.x.zeroGrad();
            Tensor y = MatMul.linear(s.x, s.w, s.b);
            y.backward(Tensor.wrap(y.data().ulike().assign(1)));
            return s.w.grad().data().getDouble(0);
        }
    }

    /** The convnet workload's two convolutions (batch 64, 3x3, no padding). */
    @State(Scope.Thread)
    public static class ConvState {
        @Param({"64x1x28x28->32", "64x32x26x26->64"})
        public String shape;
        Tensor x;
        Tensor w;
        Tensor b;
        final Window2d window = Window2d.square(3, 1, 0, 1);

        @Setup(Level.Trial)
        public void setUp() {
            String[] io = shape.split("->");
            String[] s = io[0].split("x");
            Rng rng = new Rng(2);
            long channels = Long.parseLong(s[1]);
            x = Tensor.normal(rng, 0, 1, Long.parseLong(s[0]), channels, Long.parseLong(s[2]), Long.parseLong(s[3]))
                    .requiresGrad(channels != 1);
            w = Tensor.normal(rng, 0, 0.1, Long.parseLong(io[1]), channels, 3, 3).requiresGrad(true);
            b = Tensor.zeros(Long.parseLong(io[1])).requiresGrad(true);
        }
    }

    @Benchmark
    public double conv2dForwardBackward(ConvState s) {
        try (MemoryScope step = MemoryScope.enter()) {
            s.w.zeroGrad();
            s.b.zeroGrad();
            s.x.zeroGrad();
            Tensor y = Convolution.conv2d(s.x, s.w, s.b, s.window);
            y.backward(Tensor.wrap(y.data().ulike().assign(1)));
            return s.w.grad().data().getDouble(0);
        }
    }

    /** Softmax cross-entropy from logits at the workloads' batch sizes, 10 classes. */
    @State(Scope.Thread)
    public static class LossState {
        @Param({"128", "64"})
        public int batch;
        Tensor logits;
        Tensor labels;

        @Setup(Level.Trial)
        public void setUp() {
            Rng rng = new Rng(3);
            logits = Tensor.normal(rng, 0, 3, batch, 10).requiresGrad(true);
            long[] y = new long[batch];
            for (int i = 0; i < batch; i++) {
                y[i] = (i * 7L) % 10;
            }
            labels = Tensor.ofLongs(y);
        }
    }

    @Benchmark
    public double crossEntropyForwardBackward(LossState s) {
        try (MemoryScope step = MemoryScope.enter()) {
            s.logits.zeroGrad();
            Tensor loss = Losses.crossEntropy(s.logits, s.labels);
            loss.backward();
            return loss.item();
        }
    }
}
