package org.inertia.optim.kernels;

import org.inertia.core.kernels.Native;
import org.inertia.core.kernels.SmallArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The update rules' in-place building blocks ({@code optim.InPlace}) as libnd4j's {@code axpy} op run
 * through a reused native context: the same arithmetic as {@code Nd4j.exec(new Axpy(...))} without an op
 * object and its set-up per call, which a small model's step makes a few dozen times
 * (docs/performance.md, "The whole job").
 */
public final class UpdateKernels {
    private UpdateKernels() {
    }

    /** Whether both arrays are dense row-major buffers of their own (the kernel's requirement). */
    public static boolean fit(INDArray a, INDArray b) {
        return SmallArrays.dense(a) && SmallArrays.dense(b) && a.dataType() == b.dataType();
    }

    /** y ← a·y + x. */
    public static void scaleAdd(double a, INDArray y, INDArray x) {
        // libnd4j axpy: inputs (p, q), float arg a, output a·q + p.
        Native.exec("axpy", Native.in(x, y), Native.out(y), Native.ints(), a);
    }

    /** y ← y + a·x. */
    public static void axpy(double a, INDArray x, INDArray y) {
        Native.exec("axpy", Native.in(y, x), Native.out(y), Native.ints(), a);
    }
}
