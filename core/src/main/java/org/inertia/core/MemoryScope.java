package org.inertia.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Most code never opens one: a {@code DataLoader} opens a scope for every batch it hands out and
 * closes it when the loop asks for the next batch, so a plain training loop keeps its memory flat
 * with no ceremony. Open one yourself for loops that do not iterate a {@code DataLoader}.
 *
 * <p>Why: ND4J keeps array data off the Java heap and frees it only after the garbage collector has
 * collected the small Java object in front of it; a convolutional network allocates hundreds of
 * megabytes per step, far faster than the collector notices. Inside a scope every array the current
 * thread allocates comes from one of ND4J's <em>workspaces</em>: an arena that learns the step's size
 * in the first iterations and is then reused, so memory stays flat and each allocation is a pointer
 * bump instead of a {@code malloc}.
 *
 * <pre>{@code
 * for (int step = 0; step < steps; step++) {
 *     try (MemoryScope scope = MemoryScope.enter()) {
 *         optimizer.zeroGrad();
 *         Tensor loss = lossFn.forward(model.call(x), y);
 *         loss.backward();
 *         optimizer.step();
 *         total += loss.item();           // read what you need inside the scope
 *     }                                   // every array of this step is released here
 * }
 * }</pre>
 *
 * <p>A tensor computed inside a scope must not be used after it closes (its memory is reused by the
 * next step): doing so throws an {@link IllegalStateException} that names the tensor. Take numbers out
 * with {@code item()}, or keep a copy with {@link Tensor#keep()}. State that lives across steps
 * (parameters, gradient buffers, optimizer state) is allocated with {@link #persistent}, which
 * Inertia's own code already does. Scopes are per thread and nest: an inner scope releases its
 * arrays when it closes, and closing an outer scope first closes any inner one left open.
 */
public final class MemoryScope implements AutoCloseable {
    private static final String WORKSPACE = "INERTIA_STEP_";
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.2)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.OVER_TIME)
            .cyclesBeforeInitialization(2)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .build();
    /** The open scopes of each thread, innermost first. */
    private static final ThreadLocal<ArrayDeque<MemoryScope>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final MemoryWorkspace workspace;
    private final Thread owner = Thread.currentThread();
    private final String releasedWhen;
    private final List<INDArray> adopted = new ArrayList<>(2);
    private boolean closed;

    private MemoryScope(MemoryWorkspace workspace, String releasedWhen) {
        this.workspace = workspace;
        this.releasedWhen = releasedWhen;
    }

    /** Opens a scope on this thread, inside any scope already open. */
    public static MemoryScope enter() {
        return enter("its MemoryScope closed");
    }

    /**
     * Opens a scope whose release is described as {@code releasedWhen} in the error for a tensor used
     * after it (e.g. "the DataLoader moved to the next batch").
     */
    public static MemoryScope enter(String releasedWhen) {
        ArrayDeque<MemoryScope> open = OPEN.get();
        MemoryWorkspace workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, WORKSPACE + open.size());
        MemoryScope scope = new MemoryScope(workspace, releasedWhen);
        open.push(scope);
        return scope;
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

    /** A copy of {@code t}'s values that outlives every scope (a leaf, without gradient). */
    public static Tensor keep(Tensor t) {
        INDArray data = t.data();
        return Tensor.wrap(persistent(() -> data.dup()));
    }

    /**
     * Makes {@code tensors}, allocated outside any scope, part of this scope: their native memory is
     * freed when it closes, and using them afterwards fails like any released tensor. A data loader
     * hands out each batch this way.
     */
    public void adopt(Tensor... tensors) {
        requireOpenOnThisThread("adopt");
        for (Tensor t : tensors) {
            INDArray data = t.data();
            if (!data.isAttached() && data.closeable()) {
                adopted.add(data);
            }
            t.releasedWith(this);
        }
    }

    /** The innermost open scope on this thread whose arena holds {@code array}, or null (it is not in one). */
    static MemoryScope holding(INDArray array) {
        if (!array.isAttached()) {
            return null;
        }
        MemoryWorkspace workspace = array.data().getParentWorkspace();
        for (MemoryScope scope : OPEN.get()) {
            if (scope.workspace == workspace) {
                return scope;
            }
        }
        return null;
    }

    /** Whether this scope has closed, so that the arrays it held are gone. */
    public boolean isClosed() {
        return closed;
    }

    /** How the release came about, for the error a released tensor gives. */
    String releasedWhen() {
        return releasedWhen;
    }

    /** Closes this scope (and, first, any scope opened inside it and left open), releasing their arrays. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        requireOpenOnThisThread("close");
        ArrayDeque<MemoryScope> open = OPEN.get();
        while (open.peek() != this) {
            open.peek().release();
        }
        release();
    }

    private void release() {
        OPEN.get().pop();
        closed = true;
        workspace.close();
        for (INDArray a : adopted) {
            if (!a.wasClosed()) {
                a.close();
            }
        }
        adopted.clear();
    }

    private void requireOpenOnThisThread(String what) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("MemoryScope." + what + ": the scope was opened on thread " + owner.getName()
                    + " and can only be used there, not on " + Thread.currentThread().getName());
        }
        if (closed) {
            throw new IllegalStateException("MemoryScope." + what + ": the scope is already closed");
        }
    }
}
