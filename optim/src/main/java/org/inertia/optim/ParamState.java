package org.inertia.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.inertia.core.MemoryScope;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What an optimizer remembers about one parameter between steps: named buffers (velocity, moments)
 * and a step count. Names follow PyTorch ({@code momentum_buffer}, {@code exp_avg}, ...).
 */
public final class ParamState {
    private final Map<String, INDArray> buffers = new LinkedHashMap<>();
    private long step;

    /** Steps taken for this parameter (restarts of the velocity may reset it; see each optimizer). */
    public long step() {
        return step;
    }

    /** Sets the step count (restored from a snapshot, or reset by a restart). */
    public void setStep(long step) {
        this.step = step;
    }

    /** The named buffer, or {@code null} before it exists. */
    public INDArray get(String name) {
        return buffers.get(name);
    }

    /**
     * Stores {@code buffer} (copied out of the current {@link MemoryScope}, since state lives across
     * steps) and returns the stored array.
     */
    public INDArray put(String name, INDArray buffer) {
        INDArray stored = MemoryScope.persistent(buffer);
        buffers.put(name, stored);
        return stored;
    }

    /** The named buffer, created as zeros shaped like {@code like} on first use (outside any scope). */
    public INDArray zerosIfAbsent(String name, INDArray like) {
        return buffers.computeIfAbsent(name, k -> MemoryScope.persistent(() -> Nd4j.zeros(like.dataType(), like.shape())));
    }

    /** Drops the named buffer: the next update starts it afresh. */
    public void remove(String name) {
        buffers.remove(name);
    }

    /** Every buffer by name (read-only view). */
    public Map<String, INDArray> buffers() {
        return Collections.unmodifiableMap(buffers);
    }

    /** Whether no buffer exists yet (before the first update). */
    public boolean isEmpty() {
        return buffers.isEmpty() && step == 0;
    }

    void clear() {
        buffers.clear();
        step = 0;
    }
}
