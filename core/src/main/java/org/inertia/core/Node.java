package org.inertia.core;

/**
 * One recorded op in the autograd graph: its name, its inputs and how to send a gradient back.
 *
 * <p>A tensor produced by an op points at its node; the node points at the input tensors. That
 * chain is the graph {@link Autograd#backward} walks. After a backward pass without
 * {@code retainGraph} the node lets go of its inputs and saved arrays so they can be freed.
 */
final class Node {
    final String op;
    private Tensor[] inputs;
    private Backward backward;

    Node(String op, Backward backward, Tensor[] inputs) {
        this.op = op;
        this.backward = backward;
        this.inputs = inputs;
    }

    Tensor[] inputs() {
        requireLive();
        return inputs;
    }

    Backward backward() {
        requireLive();
        return backward;
    }

    boolean isReleased() {
        return backward == null;
    }

    /** Drops the references that keep inputs and saved activations alive. */
    void release() {
        inputs = null;
        backward = null;
    }

    private void requireLive() {
        if (backward == null) {
            throw new IllegalStateException("backward(): the graph through '" + op + "' was already freed by an "
                    + "earlier backward(); pass retainGraph=true to the first backward() to go through it twice");
        }
    }
}
