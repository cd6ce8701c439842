package org.inertia.examples.bench;

/** What {@code bench} measured for one workload. Step times in milliseconds. */
public record BenchResult(String workload, int batchSize, int steps, int warmup, double samplesPerSecond,
                          double stepMsMedian, double stepMsP10, double stepMsP90, double meanSamplesPerSecond) {
}
