package org.inertia.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link Convolution#swapLeadingAxes}'s block copies against the permuting copy they replace. */
class SwapLeadingAxesTest {

    private static INDArray counting(DataType type, long... shape) {
        long n = shape[0] * shape[1] * shape[2] * shape[3];
        return Nd4j.linspace(1, n, n, type).reshape('c', shape).dup('c');   // reshape gives a view
    }

    private static void assertSwapped(INDArray a) {
        INDArray expected = a.permute(1, 0, 2, 3).dup('c');
        INDArray actual = ConvolutionKernels.swapLeadingAxes(a);
        assertArrayEquals(expected.shape(), actual.shape());
        assertEquals(expected.dataType(), actual.dataType());
        assertArrayEquals(expected.ravel().toDoubleVector(), actual.ravel().toDoubleVector(), 0.0);
        assertEquals('c', actual.ordering());
    }

    @ParameterizedTest
    @CsvSource({"FLOAT, 64, 6, 28, 28", "DOUBLE, 3, 5, 2, 7", "FLOAT, 1, 4, 3, 3", "DOUBLE, 4, 1, 1, 1", "HALF, 2, 3, 4, 5"})
    void denseArraysMatchThePermutingCopy(DataType type, long a, long b, long h, long w) {
        INDArray x = counting(type, a, b, h, w);
        assertTrue(SmallArrays.dense(x), "takes the block copies");
        assertSwapped(x);
    }

    @ParameterizedTest
    @CsvSource({"FLOAT", "DOUBLE"})
    void viewsAndOtherLayoutsTakeThePermutingCopy(DataType type) {
        INDArray big = counting(type, 4, 5, 6, 7);
        for (INDArray other : new INDArray[] {
                big.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all()),
                big.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()),
                big.dup('f'),
                big.permute(1, 0, 2, 3)}) {
            assertFalse(SmallArrays.dense(other), "takes the permuting copy");
            assertSwapped(other);
        }
    }
}
