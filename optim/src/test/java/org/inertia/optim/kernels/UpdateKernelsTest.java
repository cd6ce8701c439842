package org.inertia.optim.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.inertia.core.DType;
import org.inertia.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/** The native-context axpy agrees exactly with ND4J's Axpy op, both ways round. */
class UpdateKernelsTest {
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void axpyAndScaleAddMatchTheNd4jOp(DType dtype) {
        INDArray x = Tensor.randn(dtype, 37, 11).data().dup('c');
        INDArray y = Tensor.randn(dtype, 37, 11).data().dup('c');
        INDArray expected = y.dup();
        Nd4j.exec(new Axpy(x, expected, expected, -0.37));          // y + a·x
        INDArray actual = y.dup();
        UpdateKernels.axpy(-0.37, x, actual);
        assertArrayEquals(expected.data().asDouble(), actual.data().asDouble(), 0);

        INDArray expectedScaled = y.dup();
        Nd4j.exec(new Axpy(expectedScaled, x, expectedScaled, 0.9));  // a·y + x
        INDArray actualScaled = y.dup();
        UpdateKernels.scaleAdd(0.9, actualScaled, x);
        assertArrayEquals(expectedScaled.data().asDouble(), actualScaled.data().asDouble(), 0);
    }

    @Test
    void viewsAndMixedTypesTakeTheReadableForm() {
        INDArray m = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 4);
        assertFalse(UpdateKernels.fit(m.getRow(1), m.getRow(2)));
        assertFalse(UpdateKernels.fit(m, m.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)));
    }
}
