package org.inertia.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.inertia.core.MemoryScope;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.inertia.optim.Adam;
import org.inertia.optim.AdamW;
import org.inertia.optim.Momentum;
import org.inertia.optim.Nesterov;
import org.inertia.optim.Optimizer;
import org.inertia.optim.RMSprop;
import org.inertia.optim.SGD;
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
 * One optimizer step over 2²⁰ float32 parameters (one tensor, gradient set), for every optimizer.
 * An update that must read k buffers of that size and write j cannot beat (k + j)/2 times
 * {@link MemoryCopyBenchmark}; docs/performance.md compares each optimizer with that bound.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class OptimizerStepBenchmark {
    static final long SIZE = 1L << 20;

    @Param({"sgd", "momentum", "nesterov", "rmsprop", "rmsprop-momentum", "adam", "adamw"})
    public String optimizer;

    Tensor param;
    Optimizer opt;

    @Setup(Level.Trial)
    public void setUp() {
        Rng rng = new Rng(4);
        param = Tensor.normal(rng, 0, 1, SIZE).requiresGrad(true);
        List<Tensor> params = List.of(param);
        opt = switch (optimizer) {
            case "sgd" -> new SGD(params, SGD.options().lr(1e-3));
            case "momentum" -> new Momentum(params, Momentum.options().lr(1e-3).momentum(0.9));
            case "nesterov" -> new Nesterov(params, Nesterov.options().lr(1e-3).momentum(0.9));
            case "rmsprop" -> new RMSprop(params, RMSprop.options().lr(1e-3));
            case "rmsprop-momentum" -> new RMSprop(params, RMSprop.options().lr(1e-3).momentum(0.9));
            case "adam" -> new Adam(params, Adam.options().lr(1e-3));
            case "adamw" -> new AdamW(params, AdamW.options().lr(1e-3));
            default -> throw new IllegalArgumentException("unknown optimizer " + optimizer);
        };
        // A gradient that stays put: backward of sum(θ ⊙ c) is c.
        Tensor c = Tensor.normal(rng, 0, 1e-3, SIZE);
        param.mul(c).sum().backward();
    }

    @Benchmark
    public double step() {
        try (MemoryScope scope = MemoryScope.enter()) {
            opt.step();
        }
        return param.data().getDouble(0);
    }
}
