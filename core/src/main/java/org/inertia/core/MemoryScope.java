package org.inertia.core;

import java.util.function.Supplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A region of code, typically one training step, whose arrays are all released when it closes.
 *
 * <p>ND4J keeps array data off the Java heap and frees it only after the garbage collector has
 * collected the small Java object in front of it; a convolutional network allocates hundreds of
 * megabytes per step, far faster than the collector notices. Inside a scope every array the current
 * thread allocates comes from one of ND4J's <em>workspaces</em>: an arena that learns the step's size
 * in the first iterations and is then reused, so memory stays flat and each allocation is a pointer
 * bump instead of a {@code malloc}.
 *
 * <pre>{@code
 * for (Batch b : loader) {
 *     try (MemoryScope step = MemoryScope.enter()) {
 *         optimizer.zeroGrad();
 *         Tensor loss = lossFn.forward(model.forward(b.inputs()), b.labels());
 *         loss.backward();
 *         optimizer.step();
 *         total += loss.item();           // read what you need inside the scope
 *     }                                   // every array of this step is released here
 * }
 * }</pre>
 *
 * <p>Arrays created in a scope must not be used after it closes (their memory is reused by the next
 * step): take numbers out with {@code item()}, or copy a tensor out with {@link #keep(Tensor)}. State
 * that lives across steps (gradient buffers, optimizer state) is allocated with {@link #persistent},
 * which Inertia's own code already does. Scopes are per thread and may nest (the inner one is part
 * of the outer).
 */
public final class MemoryScope implements AutoCloseable {
    private static final String WORKSPACE = "INERTIA_STEP";
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.2)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.OVER_TIME)
            .cyclesBeforeInitialization(2)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .build();

    private final MemoryWorkspace workspace;

    private MemoryScope(MemoryWorkspace workspace) {
        this.workspace = workspace;
    }

    /** Opens a scope on this thread (joining an open one, which then releases everything at its end). */
    public static MemoryScope enter() {
        MemoryWorkspace current = Nd4j.getMemoryManager().getCurrentWorkspace();
        if (current != null && WORKSPACE.equals(current.getId())) {
            return new MemoryScope(null);
        }
        return new MemoryScope(Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, WORKSPACE));
    }

    /** Evaluates {@code allocation} outside any scope: its arrays live until garbage-collected. */
    public static <T> T persistent(Supplier<T> allocation) {
        if (Nd4j.getMemoryManager().getCurrentWorkspace() == null) {
            return allocation.get();
        }
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return allocation.get();
        }
    }

    /** {@code array} itself if it lives outside any scope, else a copy that does. */
    public static INDArray persistent(INDArray array) {
        return array.isAttached() ? persistent(array::detach) : array;
    }

    /** A copy of {@code t}'s values that outlives the scope (a leaf, without gradient). */
    public static Tensor keep(Tensor t) {
        return Tensor.wrap(persistent(() -> t.data().dup()));
    }

    @Override
    public void close() {
        if (workspace != null) {
            workspace.close();
        }
    }
}
