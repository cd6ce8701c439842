package org.inertia.core.kernels;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.inertia.core.MemoryScope;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Constant operands the ops hand to native calls (the ones vectors of {@link Sums}, ReLU's zero), made
 * once per thread and kept: they live across steps, outside any {@link MemoryScope}, and are only read.
 */
final class ConstantArrays {
    private static final ThreadLocal<Map<String, INDArray>> ONES = ThreadLocal.withInitial(HashMap::new);
    private static final ThreadLocal<Map<DataType, INDArray>> ZEROS =
            ThreadLocal.withInitial(() -> new EnumMap<>(DataType.class));

    private ConstantArrays() {
    }

    /** A column of {@code n} ones, [n, 1]. */
    static INDArray onesColumn(DataType type, long n) {
        return ONES.get().computeIfAbsent(type + ":" + n, k -> MemoryScope.persistent(() -> Nd4j.ones(type, n, 1)));
    }

    /** A zero scalar. */
    static INDArray zero(DataType type) {
        return ZEROS.get().computeIfAbsent(type, t -> MemoryScope.persistent(() -> Nd4j.scalar(t, 0)));
    }
}
