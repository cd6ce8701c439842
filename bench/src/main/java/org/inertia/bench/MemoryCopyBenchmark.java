package org.inertia.bench;

import java.util.concurrent.TimeUnit;
import org.inertia.core.Rng;
import org.inertia.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The memory-bandwidth yardstick for {@link OptimizerStepBenchmark}: one native copy of 2²⁰ float32
 * values (read 4 MiB, write 4 MiB), the least any pass over a buffer of that size can cost.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class MemoryCopyBenchmark {
    INDArray source;
    INDArray target;

    @Setup(Level.Trial)
    public void setUp() {
        source = Tensor.normal(new Rng(5), 0, 1, OptimizerStepBenchmark.SIZE).data();
        target = source.ulike();
    }

    @Benchmark
    public double copy() {
        target.assign(source);
        return target.getDouble(0);
    }
}
