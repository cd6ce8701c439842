package org.inertia.core;

import static org.inertia.core.TestTensors.f64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.inertia.core.ops.Convolution;
import org.inertia.core.ops.Dropout;
import org.inertia.core.ops.Losses;
import org.inertia.core.ops.MatMul;
import org.inertia.core.ops.Normalization;
import org.inertia.core.ops.Pooling;
import org.inertia.core.ops.Reduction;
import org.inertia.core.ops.Window2d;
import org.junit.jupiter.api.Test;

/** Forward values against numbers computed by hand. */
class ForwardValuesTest {
    private static final double EPS = 1e-12;

    private static void assertValues(double[] expected, Tensor actual, long... shape) {
        assertArrayEquals(shape, actual.shape(), "shape");
        assertArrayEquals(expected, actual.toDoubleArray(), 1e-9);
    }

    @Test
    void broadcastingArithmetic() {
        Tensor a = f64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor row = f64(new double[] {10, 20, 30}, 3);
        Tensor col = f64(new double[] {100, 200}, 2, 1);
        assertValues(new double[] {11, 22, 33, 14, 25, 36}, a.add(row), 2, 3);
        assertValues(new double[] {99, 98, 97, 196, 195, 194}, a.sub(col).neg(), 2, 3);
        assertValues(new double[] {100, 200, 300, 800, 1000, 1200}, a.mul(col), 2, 3);
        assertValues(new double[] {0.1, 0.1, 0.1, 0.4, 0.25, 0.2}, a.div(row), 2, 3);
        assertValues(new double[] {1, 4, 9, 16, 25, 36}, a.pow(2.0), 2, 3);
        assertValues(new double[] {1, 4, 27, 4, 25, 216}, a.pow(f64(new double[] {1, 2, 3}, 3).pow(1.0)), 2, 3);
        assertValues(new double[] {2, 3}, f64(new double[] {4, 9}, 2).sqrt(), 2);
        assertValues(new double[] {Math.E, 1}, f64(new double[] {1, 0}, 2).exp(), 2);
        assertValues(new double[] {0, 1}, f64(new double[] {1, Math.E}, 2).log(), 2);
        assertValues(new double[] {2, 0, 3}, f64(new double[] {-2, 0, 3}, 3).abs(), 3);
        assertValues(new double[] {-1, 0.5, 1}, f64(new double[] {-3, 0.5, 7}, 3).clamp(-1, 1), 3);
        assertValues(new double[] {3.5, 4.5}, f64(new double[] {7, 9}, 2).div(2), 2);
    }

    @Test
    void reductions() {
        Tensor a = f64(new double[] {1, 5, 3, 4, 2, 6}, 2, 3);
        assertEquals(21, a.sum().item(), EPS);
        assertEquals(3.5, a.mean().item(), EPS);
        assertEquals(6, a.max().item(), EPS);
        assertValues(new double[] {5, 7, 9}, a.sum(0), 3);
        assertValues(new double[] {3, 4}, a.mean(1, true), 2, 1);
        assertValues(new double[] {5, 6}, a.max(-1), 2);
    }

    @Test
    void matmulAndShapes() {
        Tensor a = f64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = f64(new double[] {1, 0, 0, 1, 1, 1}, 3, 2);
        assertValues(new double[] {4, 5, 10, 11}, a.matmul(b), 2, 2);
        assertValues(new double[] {1, 4, 2, 5, 3, 6}, a.transpose(0, 1), 3, 2);
        assertValues(new double[] {1, 2, 3, 4, 5, 6}, a.reshape(3, -1), 3, 2);
        assertValues(new double[] {4, 5, 6}, a.slice(1, 2), 1, 3);
        assertValues(new double[] {4, 5, 6, 1, 2, 3, 4, 5, 6}, a.indexSelect(Tensor.ofLongs(1, 0, 1)), 3, 3);
        assertValues(new double[] {1, 2, 3, 9, 4, 5, 6, 9}, Tensor.concat(1, a, Tensor.full(DType.FLOAT64, 9, 2, 1)), 2, 4);
        Tensor batch = Tensor.arange(DType.FLOAT64, 0, 12, 1).reshape(2, 2, 3);
        Tensor eye = f64(new double[] {1, 0, 0, 1, 0, 0}, 3, 2);
        assertValues(new double[] {0, 1, 3, 4, 6, 7, 9, 10}, batch.matmul(eye), 2, 2, 2);
        assertValues(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, batch.flatten(1), 2, 6);
    }

    @Test
    void activations() {
        Tensor x = f64(new double[] {-2, 0, 1}, 3);
        assertValues(new double[] {0, 0, 1}, x.relu(), 3);
        assertValues(new double[] {-0.2, 0, 1}, x.leakyRelu(0.1), 3);
        assertValues(new double[] {1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-1))}, x.sigmoid(), 3);
        assertValues(new double[] {Math.tanh(-2), 0, Math.tanh(1)}, x.tanh(), 3);
        // x·Φ(x): Φ(1) = 0.841344746068543, Φ(−2) = 0.022750131948179
        assertValues(new double[] {-2 * 0.022750131948179, 0, 0.841344746068543}, x.gelu(), 3);
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        Tensor logits = f64(new double[] {1, 2, 3}, 1, 3);
        assertValues(new double[] {Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z}, logits.softmax(1), 1, 3);
        assertValues(new double[] {1 - Math.log(z), 2 - Math.log(z), 3 - Math.log(z)}, logits.logSoftmax(1), 1, 3);
    }

    @Test
    void logSoftmaxStaysFiniteForHugeLogits() {
        Tensor logits = f64(new double[] {1000, 0, -1000, 1e4, 1e4, 1e4}, 2, 3);
        assertValues(new double[] {0, -1000, -2000, -Math.log(3), -Math.log(3), -Math.log(3)}, logits.logSoftmax(1), 2, 3);
        Tensor single = Tensor.of(new double[] {1000, 0, -1000}, 1, 3);
        assertArrayEquals(new float[] {0, -1000, -2000}, single.logSoftmax(1).toFloatArray(), 1e-3f);
    }

    @Test
    void conv2dSumsEachWindow() {
        // 3x3 input 1..9, 2x2 kernel of ones: each output is the sum of a 2x2 window, plus bias 0.5.
        Tensor x = Tensor.arange(DType.FLOAT64, 1, 10, 1).reshape(1, 1, 3, 3);
        Tensor w = Tensor.ones(DType.FLOAT64, 1, 1, 2, 2);
        Tensor b = f64(new double[] {0.5}, 1);
        assertValues(new double[] {12.5, 16.5, 24.5, 28.5}, Convolution.conv2d(x, w, b, Window2d.square(2, 1, 0, 1)),
            1, 1, 2, 2);
        // padding 1, stride 2: corners see one real value each... windows over the zero-padded 5x5 input.
        assertValues(new double[] {1, 5, 11, 28}, Convolution.conv2d(x, w, null, Window2d.square(2, 2, 1, 1)), 1, 1, 2, 2);
    }

    @Test
    void pooling() {
        Tensor x = f64(new double[] {
            1, 2, 5, 6,
            3, 4, 7, 8,
            -1, -2, -5, -6,
            -3, -4, -7, -8}, 1, 1, 4, 4);
        assertValues(new double[] {4, 8, -1, -5}, Pooling.maxPool2d(x, Window2d.square(2, 2, 0, 1)), 1, 1, 2, 2);
        assertValues(new double[] {2.5, 6.5, -2.5, -6.5}, Pooling.avgPool2d(x, Window2d.square(2, 2, 0, 1), true),
            1, 1, 2, 2);
        // Padding must not win a max over negative values: each corner window holds one real value.
        Tensor neg = f64(new double[] {-1, -2, -3, -4}, 1, 1, 2, 2);
        assertValues(new double[] {-1, -2, -3, -4}, Pooling.maxPool2d(neg, Window2d.square(2, 1, 1, 1)).slice(0, 1)
            .reshape(9).indexSelect(Tensor.ofLongs(0, 2, 6, 8)), 4);
        // count_include_pad: the corner window holds one real value out of 4 cells.
        assertEquals(-0.25, Pooling.avgPool2d(neg, Window2d.square(2, 1, 1, 1), true).data().getDouble(0), EPS);
        assertEquals(-1.0, Pooling.avgPool2d(neg, Window2d.square(2, 1, 1, 1), false).data().getDouble(0), EPS);
    }

    @Test
    void batchNormNormalisesEachChannel() {
        Tensor x = f64(new double[] {1, 10, 2, 20, 3, 30, 4, 40}, 4, 2);
        Normalization.BatchNormResult r = Normalization.batchNorm(x, f64(new double[] {1, 2}, 2),
            f64(new double[] {0, 1}, 2), 1e-12);
        double s = Math.sqrt(1.25);  // biased variance of 1,2,3,4 is 1.25
        assertValues(new double[] {-1.5 / s, 1 - 3 / s, -0.5 / s, 1 - 1 / s, 0.5 / s, 1 + 1 / s, 1.5 / s, 1 + 3 / s},
            r.output(), 4, 2);
        assertArrayEquals(new double[] {2.5, 25}, r.mean().toDoubleVector(), EPS);
        assertArrayEquals(new double[] {1.25, 125}, r.variance().toDoubleVector(), 1e-9);
    }

    @Test
    void dropoutKeepsTheExpectationAndIsIdentityInEval() {
        Tensor x = Tensor.ones(DType.FLOAT64, 100_000);
        Tensor y = Dropout.dropout(x, 0.25, true, new Rng(3));
        assertEquals(1.0, y.mean().item(), 0.01);
        double[] values = y.toDoubleArray();
        for (double v : values) {
            if (v != 0 && Math.abs(v - 1 / 0.75) > 1e-12) {
                throw new AssertionError("dropout value " + v + " is neither 0 nor 1/(1-p)");
            }
        }
        assertArrayEquals(values, Dropout.dropout(x, 0.25, true, new Rng(3)).toDoubleArray(), "same seed, same mask");
        org.junit.jupiter.api.Assertions.assertSame(x, Dropout.dropout(x, 0.25, false, new Rng(3)));
    }

    @Test
    void losses() {
        Tensor logits = f64(new double[] {0, 0, 2, 0}, 2, 2);
        Tensor labels = Tensor.ofLongs(0, 0);
        double second = Math.log(1 + Math.exp(-2));
        assertValues(new double[] {Math.log(2), second}, Losses.crossEntropy(logits, labels, Reduction.NONE), 2);
        assertEquals((Math.log(2) + second) / 2, Losses.crossEntropy(logits, labels).item(), EPS);
        assertEquals(Math.log(2) + second, Losses.crossEntropy(logits, labels, Reduction.SUM).item(), EPS);
        // label smoothing 0.2 over 2 classes: q = (0.9, 0.1) for label 0
        double lp0 = -Math.log(2);
        assertEquals(-(0.9 * lp0 + 0.1 * lp0), Losses.crossEntropy(f64(new double[] {0, 0}, 1, 2), Tensor.ofLongs(0),
            Reduction.MEAN, 0.2).item(), EPS);
        assertEquals(2.5, Losses.nll(f64(new double[] {-0.5, -1.5, -2, -1}, 2, 2), Tensor.ofLongs(0, 0),
            Reduction.SUM).item(), EPS);
        // BCE: x = 0 → log 2 whatever the target; x = 3, y = 1 → log(1 + e^−3)
        assertValues(new double[] {Math.log(2), Math.log(1 + Math.exp(-3)), 3 + Math.log(1 + Math.exp(-3))},
            Losses.bceWithLogits(f64(new double[] {0, 3, 3}, 3), f64(new double[] {0.3, 1, 0}, 3), Reduction.NONE), 3);
        Tensor x2 = f64(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor w2 = f64(new double[] {1, 0, 1, 1, 0, 2}, 3, 2);
        assertValues(new double[] {1.5, 3.5, 4.5, 3.5, 7.5, 8.5}, MatMul.linear(x2, w2, f64(new double[] {0.5, 0.5,
            0.5}, 3)), 2, 3);
        Tensor p = f64(new double[] {1, 2, 3}, 3);
        Tensor t = f64(new double[] {1, 0, 0}, 3);
        assertEquals(13.0 / 3, Losses.mse(p, t).item(), EPS);
        assertEquals(13.0, Losses.mse(p, t, Reduction.SUM).item(), EPS);
    }

    @Test
    void creation() {
        assertArrayEquals(new double[] {0, 0, 0, 0}, Tensor.zeros(2, 2).toDoubleArray());
        assertEquals(DType.FLOAT32, Tensor.zeros(2).dtype());
        assertEquals(DType.FLOAT64, Tensor.ones(DType.FLOAT64, 2).dtype());
        assertArrayEquals(new double[] {7, 7}, Tensor.full(7, 2).toDoubleArray());
        assertArrayEquals(new double[] {0, 1, 2}, Tensor.arange(3).toDoubleArray());
        assertArrayEquals(new double[] {1, 0.5, 0}, Tensor.arange(DType.FLOAT64, 1, -0.1, -0.5).toDoubleArray());
        assertArrayEquals(new double[] {1, 2, 3, 4}, Tensor.of(new double[][] {{1, 2}, {3, 4}}).toDoubleArray());
        assertArrayEquals(new long[] {2, 2}, Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).shape());
        assertEquals(3.5, Tensor.scalar(3.5).item());
        assertEquals(DType.INT64, Tensor.ofLongs(1, 2).dtype());
        Tensor u = Tensor.uniform(DType.FLOAT64, new Rng(1), -2, 3, 10_000);
        assertEquals(0.5, u.mean().item(), 0.05);
        org.junit.jupiter.api.Assertions.assertTrue(u.max().item() < 3 && u.neg().max().item() <= 2);
        Tensor n = Tensor.normal(DType.FLOAT64, new Rng(1), 1, 2, 20_000);
        assertEquals(1, n.mean().item(), 0.05);
        assertEquals(4, n.sub(1).pow(2.0).mean().item(), 0.15);
        String text = Tensor.ones(2).requiresGrad(true).mul(2).toString();
        org.junit.jupiter.api.Assertions.assertTrue(text.startsWith("Tensor(shape=[2], dtype=float32, gradFn=mul)"), text);
    }
}
