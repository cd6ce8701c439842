package org.inertia.core.kernels;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one of libnd4j's native ops by name with preallocated outputs (one JNI call, no shape
 * inference round trip). The op names and argument orders are libnd4j's; each caller documents them.
 * Public for the fused kernels of other modules (the optimizers' one-call updates).
 *
 * <p>Each thread keeps an op context per call signature (op name and the numbers of inputs,
 * outputs, integer and float arguments) and reuses it. {@code Nd4j.exec(op)} builds and frees a
 * native context per call instead, which costs most of a tiny op's time (docs/performance.md, "Notes
 * behind the code"). One context per signature, not per thread:
 * clearing a context does not clear its native arguments, and a stale float argument changes what
 * some ops do (the reductions read it as keepDims), whereas a call of the same signature overwrites
 * every slot the last one set. The arrays, though, are released after every call (see {@link #exec}).
 */
public final class Native {
    /** The op descriptors, by name: they carry no per-call state, so threads share them. */
    private static final Map<String, CustomOp> OPS = new ConcurrentHashMap<>();
    private static final ThreadLocal<Map<String, OpContext>> CONTEXTS = ThreadLocal.withInitial(HashMap::new);

    private Native() {
    }

    /** Runs libnd4j op {@code op} on {@code inputs}, writing {@code outputs} (preallocated), with its integer and float arguments. */
    public static void exec(String op, INDArray[] inputs, INDArray[] outputs, long[] intArgs, double... floatArgs) {
        String signature = op + '/' + inputs.length + '/' + outputs.length + '/' + intArgs.length + '/' + floatArgs.length;
        OpContext context = CONTEXTS.get().computeIfAbsent(signature, k -> Nd4j.getExecutioner().buildContext());
        context.setInputArrays(inputs);
        context.setOutputArrays(outputs);
        context.setIArguments(intArgs);
        context.setTArguments(floatArgs);
        try {
            Nd4j.getExecutioner().exec(OPS.computeIfAbsent(op, name -> DynamicCustomOp.builder(name).build()), context);
        } finally {
            // The native context wraps every array it is given in a new native NDArray and frees those only
            // on purge: without this, a reused context grows by a few hundred bytes per call, forever.
            context.purge();
        }
    }

    /**
     * {@code a} itself if it is a dense row-major array of its own, else a dense copy. Some of libnd4j's
     * kernels (batch norm, pooling, convolution) misread or crash on views with strides or offsets.
     */
    public static INDArray contiguous(INDArray a) {
        return SmallArrays.dense(a) ? a : a.dup('c');
    }

    /** The inputs of an {@link #exec} call (for readability at the call site). */
    public static INDArray[] in(INDArray... arrays) {
        return arrays;
    }

    /** The outputs of an {@link #exec} call. */
    public static INDArray[] out(INDArray... arrays) {
        return arrays;
    }

    /** The integer arguments of an {@link #exec} call. */
    public static long[] ints(long... values) {
        return values;
    }
}
