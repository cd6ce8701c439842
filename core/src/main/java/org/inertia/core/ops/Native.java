package org.inertia.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one of libnd4j's native ops by name with preallocated outputs (one JNI call, no shape
 * inference round trip). The op names and argument orders are libnd4j's; each caller documents them.
 */
final class Native {
    private Native() {
    }

    static void exec(String op, INDArray[] inputs, INDArray[] outputs, long[] intArgs, double... floatArgs) {
        DynamicCustomOp.DynamicCustomOpsBuilder builder = DynamicCustomOp.builder(op)
                .addInputs(inputs)
                .addOutputs(outputs);
        if (intArgs.length > 0) {
            int[] ints = new int[intArgs.length];
            for (int i = 0; i < ints.length; i++) {
                ints[i] = Math.toIntExact(intArgs[i]);
            }
            builder.addIntegerArguments(ints);
        }
        if (floatArgs.length > 0) {
            builder.addFloatingPointArguments(box(floatArgs));
        }
        Nd4j.exec(builder.build());
    }

    static INDArray[] in(INDArray... arrays) {
        return arrays;
    }

    static INDArray[] out(INDArray... arrays) {
        return arrays;
    }

    static long[] ints(long... values) {
        return values;
    }

    private static Double[] box(double[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
