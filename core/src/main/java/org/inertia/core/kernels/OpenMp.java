package org.inertia.core.kernels;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The OpenMP team size of the calling thread: how many threads libnd4j's and oneDNN's parallel
 * regions (GEMMs, convolutions, large element-wise ops) use when this thread starts them. It starts at
 * {@code OMP_NUM_THREADS}; OpenMP keeps the setting per thread, so changing it here affects only ops the
 * calling thread runs.
 */
public final class OpenMp {
    private OpenMp() {
    }

    /** The team size of the calling thread's next parallel region. */
    public static int threads() {
        return nativeOps().ompGetMaxThreads();
    }

    /** Sets the calling thread's team size. */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("OpenMp: threads must be >= 1, got " + threads);
        }
        nativeOps().setOmpNumThreads(threads);
    }

    private static NativeOps nativeOps() {
        Nd4j.getBackend();                  // loads the native library, which NativeOpsHolder expects loaded
        return NativeOpsHolder.getInstance().getDeviceNativeOps();
    }
}
