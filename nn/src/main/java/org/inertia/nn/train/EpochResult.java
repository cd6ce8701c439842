package org.inertia.nn.train;

/**
 * One epoch's numbers. {@code epoch} counts from 1; {@code step} is the global step count at its end.
 * Test values are NaN when no test loader was given; norms are NaN when diagnostics were off.
 */
public record EpochResult(int epoch, long step, double trainLoss, double trainAccuracy, double testLoss,
                          double testAccuracy, double lr, double momentum, double gradientNorm, double velocityNorm,
                          double seconds, double samplesPerSecond) {
}
