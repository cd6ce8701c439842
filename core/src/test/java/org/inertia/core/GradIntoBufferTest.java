package org.inertia.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.function.Function;
import org.inertia.core.ops.Convolution;
import org.inertia.core.ops.MatMul;
import org.inertia.core.ops.Window2d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Ops that write a leaf's first gradient of a step straight into its kept buffer ({@link BackwardInto})
 * give exactly what computing it apart and copying it in gives.
 */
class GradIntoBufferTest {

    private static Tensor uniform(DType type, long seed, long... shape) {
        return Tensor.uniform(type, new Rng(seed), -1, 1, shape);
    }

    /** A new leaf with {@code t}'s values: its gradient has no buffer yet, so it takes the copying path. */
    private static Tensor fresh(Tensor t) {
        return Tensor.wrap(t.data().dup()).requiresGrad(true);
    }

    @Test
    void aLinearLayersWeightGradientIsWrittenIntoItsKeptBufferWithTheSameBits() {
        Tensor w = uniform(DType.FLOAT32, 1, 4, 5).requiresGrad(true);
        Tensor b = uniform(DType.FLOAT32, 2, 4).requiresGrad(true);
        Tensor c = uniform(DType.FLOAT32, 3, 8, 4);
        Function<Tensor[], Tensor> loss = p -> MatMul.linear(p[0], p[1], p[2]).mul(c).sum();

        loss.apply(new Tensor[] {uniform(DType.FLOAT32, 4, 8, 5), w, b}).backward();    // creates the buffers
        INDArray buffer = w.grad().data();
        INDArray biasBuffer = b.grad().data();
        w.zeroGrad();
        b.zeroGrad();
        Tensor x = uniform(DType.FLOAT32, 5, 8, 5);
        loss.apply(new Tensor[] {x, w, b}).backward();

        Tensor w2 = fresh(w);
        Tensor b2 = fresh(b);
        loss.apply(new Tensor[] {x, w2, b2}).backward();
        assertSame(buffer, w.grad().data(), "the weight gradient went into the kept buffer");
        assertSame(biasBuffer, b.grad().data(), "so did the bias gradient");
        assertNotSame(buffer, w2.grad().data());
        assertArrayEquals(w2.grad().data().ravel().toFloatVector(), w.grad().data().ravel().toFloatVector(), 0f);
        assertArrayEquals(b2.grad().data().ravel().toFloatVector(), b.grad().data().ravel().toFloatVector(), 0f);
    }

    /**
     * conv2d's parameter gradients, through conv2d_bp (the input wants a gradient) and through the
     * first-layer path (it does not), go into the kept buffers with the same bits.
     */
    @ParameterizedTest(name = "input needs a gradient: {0}")
    @ValueSource(booleans = {true, false})
    void convolutionParameterGradientsAreWrittenIntoTheirKeptBuffersWithTheSameBits(boolean inputGrad) {
        Window2d window = Window2d.square(3, 1, 1, 1);
        Tensor w = uniform(DType.FLOAT32, 12, 4, 2, 3, 3).requiresGrad(true);
        Tensor b = uniform(DType.FLOAT32, 13, 4).requiresGrad(true);
        Tensor g = uniform(DType.FLOAT32, 14, 3, 4, 6, 6);
        Function<Tensor[], Tensor> conv = p -> Convolution.conv2d(p[0], p[1], p[2], window);

        conv.apply(new Tensor[] {uniform(DType.FLOAT32, 15, 3, 2, 6, 6).requiresGrad(inputGrad), w, b}).backward(g);
        INDArray weightBuffer = w.grad().data();
        INDArray biasBuffer = b.grad().data();
        w.zeroGrad();
        b.zeroGrad();
        Tensor x = uniform(DType.FLOAT32, 16, 3, 2, 6, 6).requiresGrad(inputGrad);
        conv.apply(new Tensor[] {x, w, b}).backward(g);

        Tensor w2 = fresh(w);
        Tensor b2 = fresh(b);
        conv.apply(new Tensor[] {x.detach().requiresGrad(inputGrad), w2, b2}).backward(g);
        assertSame(weightBuffer, w.grad().data(), "the weight gradient went into the kept buffer");
        assertSame(biasBuffer, b.grad().data(), "so did the bias gradient");
        assertArrayEquals(w2.grad().data().ravel().toFloatVector(), w.grad().data().ravel().toFloatVector(), 0f);
        assertArrayEquals(b2.grad().data().ravel().toFloatVector(), b.grad().data().ravel().toFloatVector(), 0f);
    }

    @Test
    void aLeafThatIsBothOperandsOfOneMatmulGetsBothGradients() {
        Tensor w = uniform(DType.FLOAT64, 6, 3, 3).requiresGrad(true);
        w.matmul(w).sum().backward();
        double[] expected = w.grad().toDoubleArray();          // dA + dB, through the copying path
        w.zeroGrad();
        w.matmul(w).sum().backward();                            // the buffer is stale: at most one may write it
        assertArrayEquals(expected, w.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void aGradientWrittenInPlaceIsAddedToByTheLeafsOtherUses() {
        Tensor w = uniform(DType.FLOAT64, 7, 3, 4).requiresGrad(true);
        Tensor x1 = uniform(DType.FLOAT64, 8, 5, 4);
        Tensor x2 = uniform(DType.FLOAT64, 9, 2, 4);
        Function<Tensor, Tensor> loss = p -> {
            Tensor y2 = MatMul.linear(x2, p, null);
            return MatMul.linear(x1, p, null).sum().add(y2.mul(y2).sum());
        };
        loss.apply(w).backward();
        double[] expected = w.grad().toDoubleArray();
        w.zeroGrad();
        loss.apply(w).backward();
        assertArrayEquals(expected, w.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void aGradSinksBufferIsWrittenInPlaceAndStillSummedIntoTheLeaf() {
        Tensor w = uniform(DType.FLOAT64, 10, 3, 4).requiresGrad(true);
        Tensor x = uniform(DType.FLOAT64, 11, 5, 4);
        GradSink sink = new GradSink();
        for (int step = 0; step < 3; step++) {
            w.zeroGrad();
            MatMul.linear(x, w, null).sum().backward();          // the caller's share, into the leaf
            try (GradSink.Open open = sink.open()) {
                MatMul.linear(x, w, null).sum().backward();      // another thread's share, into the sink
            }
            sink.addToLeaves();
        }
        Tensor once = fresh(w);
        MatMul.linear(x, once, null).sum().backward();
        double[] twice = once.grad().data().mul(2).ravel().toDoubleVector();
        assertArrayEquals(twice, w.grad().toDoubleArray(), 1e-12);
    }
}
