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

    /** One node's turn: its backward turns dL/d(output) into dL/d(input) for each input that needs it. */
    private static void propagate(Node node, INDArray gradOutput, Map<Tensor, INDArray> pending) {
        Tensor[] inputs = node.inputs();
        boolean[] needsGrad = new boolean[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            needsGrad[i] = inputs[i].requiresGrad();
        }
        InPlaceGradients inPlace = InPlaceGradients.offer(node, inputs, needsGrad);      // fast path only
        INDArray[] grads = inPlace == null ? node.backward().apply(gradOutput, needsGrad)
                : inPlace.apply(node, gradOutput, needsGrad);
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
            if (input.isLeaf()) {
                if (inPlace == null || !inPlace.written(i, input, grads[i])) {
                    input.accumulateGrad(grads[i]);                       // leaves keep their gradient
                }
            } else {
                // Out of place: the array may be shared with another input (e.g. add passes the
                // same upstream gradient to both operands).
                pending.merge(input, grads[i], INDArray::add);           // summed until the input's turn
            }
        }
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
