package org.inertia.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Step scopes: what they release, when, and the error for a tensor used after its step. */
class MemoryScopeTest {
    private static Tensor vector(double... values) {
        return Tensor.of(DType.FLOAT64, values);
    }

    @Test
    void aTensorUsedAfterItsScopeNamesItsOpAndShapeAndHowToKeepIt() {
        Tensor w = vector(1, 2, 3).requiresGrad(true);
        Tensor y;
        Tensor kept;
        try (MemoryScope scope = MemoryScope.enter("the test's step ended")) {
            y = w.mul(2).sum();
            kept = y.keep();
            y.backward();
        }
        Tensor released = y;
        IllegalStateException e = assertThrows(IllegalStateException.class, released::item);
        assertEquals("the output of 'sum' [] was released when the test's step ended: a tensor computed in a step lives "
            + "until the step ends. Read what you need inside the step (item(), toDoubleArray()), or keep a copy that "
            + "outlives it with keep()", e.getMessage());
        assertThrows(IllegalStateException.class, released::detach);
        assertThrows(IllegalStateException.class, released::backward);
        assertEquals(12, kept.item(), 0);
        assertArrayEquals(new double[] {2, 2, 2}, w.grad().toDoubleArray(), 0, "gradients live outside the step");
        assertArrayEquals(new long[0], released.shape(), "shape and dtype stay readable");
    }

    @Test
    void closingAnOuterScopeFirstClosesAnInnerOneLeftOpen() {
        MemoryScope outer = MemoryScope.enter();
        Tensor a = vector(1, 2).mul(1);
        MemoryScope inner = MemoryScope.enter();
        Tensor b = vector(3, 4).mul(1);
        outer.close();
        assertTrue(inner.isClosed());
        assertTrue(outer.isClosed());
        assertThrows(IllegalStateException.class, a::item);
        assertThrows(IllegalStateException.class, b::item);
        inner.close();                                                   // harmless
        assertEquals(3, vector(1, 2).sum().item(), 0, "allocation works again outside any scope");
    }

    @Test
    void anInnerScopeReleasesOnlyItsOwnTensors() {
        try (MemoryScope outer = MemoryScope.enter()) {
            Tensor a = vector(1, 2).mul(1);
            Tensor b;
            try (MemoryScope inner = MemoryScope.enter()) {
                b = a.mul(3);
            }
            Tensor gone = b;
            assertThrows(IllegalStateException.class, gone::item);
            assertEquals(3, a.sum().item(), 0);
        }
    }

    @Test
    void adoptedTensorsAreFreedWhenTheScopeCloses() {
        Tensor outside = vector(5, 6);
        try (MemoryScope scope = MemoryScope.enter()) {
            scope.adopt(outside);
            assertEquals(11, outside.sum().item(), 0);
        }
        assertTrue(outside.isLeaf());
        assertThrows(IllegalStateException.class, outside::item);
    }

    @Test
    void aScopeBelongsToTheThreadThatOpenedIt() throws Exception {
        try (MemoryScope scope = MemoryScope.enter()) {
            IllegalStateException e = CompletableFuture.supplyAsync(() ->
                assertThrows(IllegalStateException.class, scope::close)).get();
            assertTrue(e.getMessage().contains("opened on thread"), e.getMessage());
            assertFalse(scope.isClosed());
        }
    }

    @Test
    void emptyTensorsCanBeMadeInsideAScope() {
        try (MemoryScope scope = MemoryScope.enter()) {
            assertEquals(0, Tensor.zeros(0, 3).numel());
            assertEquals(0, Tensor.of(new double[0]).numel());
            assertEquals(0, Tensor.full(1.5, 2, 0).numel());
        }
    }
}
