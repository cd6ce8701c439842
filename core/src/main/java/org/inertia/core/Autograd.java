package org.inertia.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reverse-mode engine: order the graph, then send gradients from the output back to the leaves.
 *
 * <ol>
 *   <li>{@link #topologicalOrder} lists every tensor the output depends on (through tensors that
 *       require grad), each after all of its inputs;</li>
 *   <li>walking that list backwards, each tensor's accumulated gradient goes through its node's
 *       {@link Backward} to produce gradients for the node's inputs;</li>
 *   <li>gradients meant for an intermediate tensor are summed in a map until that tensor's turn
 *       (it is used by several ops: a shared sub-expression); gradients for a leaf are added into
 *       the leaf's own buffer, where they also accumulate across backward calls.</li>
 * </ol>
 */
final class Autograd {
    private Autograd() {
    }

    static void backward(Tensor root, INDArray seed, boolean retainGraph) {
        if (root.isLeaf()) {
            root.accumulateGrad(seed);
            return;
        }
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, INDArray> pending = new IdentityHashMap<>();
        pending.put(root, seed);
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor tensor = order.get(i);
            INDArray gradOutput = pending.remove(tensor);
            Node node = tensor.gradFn();
            if (gradOutput != null) {
                propagate(node, gradOutput, pending);
            }
            if (!retainGraph) {
                node.release();
            }
        }
    }

    private static void propagate(Node node, INDArray gradOutput, Map<Tensor, INDArray> pending) {
        Tensor[] inputs = node.inputs();
        boolean[] needsGrad = new boolean[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            needsGrad[i] = inputs[i].requiresGrad();
        }
        INDArray[] into = node.backward() instanceof BackwardInto ? staleLeafBuffers(inputs, needsGrad) : null;
        INDArray[] grads = into == null ? node.backward().apply(gradOutput, needsGrad)
                : ((BackwardInto) node.backward()).apply(gradOutput, needsGrad, into);
        if (grads.length != inputs.length) {
            throw new IllegalStateException("backward of '" + node.op + "' returned " + grads.length
                    + " gradients for " + inputs.length + " inputs");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (!needsGrad[i] || grads[i] == null) {
                continue;
            }
            Tensor input = inputs[i];
            checkGradShape(node, i, input, grads[i]);
            if (input.isLeaf() && into != null && into[i] != null && grads[i] == into[i]) {
                GradSink.destinationFor(input).gradWritten();          // the op wrote it in place
            } else if (input.isLeaf()) {
                input.accumulateGrad(grads[i]);
            } else {
                // Out of place: the array may be shared with another input (e.g. add passes the
                // same upstream gradient to both operands).
                pending.merge(input, grads[i], INDArray::add);
            }
        }
    }

    /**
     * For each leaf input needing a gradient, its gradient buffer if that holds nothing yet this step
     * (see {@link BackwardInto}), else null. A leaf that is several inputs of one op gets its buffer
     * once: two gradients written into one buffer would overwrite each other instead of adding.
     */
    private static INDArray[] staleLeafBuffers(Tensor[] inputs, boolean[] needsGrad) {
        INDArray[] into = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (needsGrad[i] && inputs[i].isLeaf() && !appearsBefore(inputs, i)) {
                into[i] = GradSink.destinationFor(inputs[i]).staleGradBuffer(inputs[i]);
            }
        }
        return into;
    }

    private static boolean appearsBefore(Tensor[] inputs, int i) {
        for (int j = 0; j < i; j++) {
            if (inputs[j] == inputs[i]) {
                return true;
            }
        }
        return false;
    }

    private static void checkGradShape(Node node, int index, Tensor input, INDArray grad) {
        if (!Arrays.equals(grad.shape(), input.shape())) {
            throw new IllegalStateException("backward of '" + node.op + "' produced a gradient of shape "
                    + Arrays.toString(grad.shape()) + " for input " + index + " of shape "
                    + Arrays.toString(input.shape()));
        }
    }

    /**
     * Every non-leaf tensor {@code root} depends on, inputs before the tensors computed from them.
     * Iterative depth-first search, so deep graphs (long unrolled loops) cannot overflow the stack.
     */
    static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<Integer> nextChild = new ArrayDeque<>();
        stack.push(root);
        nextChild.push(0);
        visited.add(root);
        while (!stack.isEmpty()) {
            Tensor top = stack.peek();
            Tensor[] inputs = top.gradFn().inputs();
            int child = nextChild.pop();
            if (child < inputs.length) {
                nextChild.push(child + 1);
                Tensor input = inputs[child];
                if (!input.isLeaf() && input.requiresGrad() && visited.add(input)) {
                    stack.push(input);
                    nextChild.push(0);
                }
            } else {
                order.add(stack.pop());
            }
        }
        return order;
    }
}
