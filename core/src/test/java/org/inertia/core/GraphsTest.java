package org.inertia.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphsTest {
    @TempDir
    Path dir;

    private final Tensor x = Tensor.of(DType.FLOAT64, new double[] {1, 2, 3}).requiresGrad(true);
    private final Tensor w = Tensor.of(DType.FLOAT64, new double[] {4, 5, 6}).requiresGrad(true);
    private final Tensor c = Tensor.of(DType.FLOAT64, new double[] {1, 1, 1});

    @Test
    void inputsAndTheBackwardOrderAreTheEnginesGraph() {
        Tensor m = x.mul(w);
        Tensor a = m.add(x);
        Tensor y = a.mul(c).sum();
        assertEquals(List.of(x, w), Graphs.inputs(m));
        assertTrue(Graphs.inputs(x).isEmpty());
        List<Tensor> order = Graphs.topologicalOrder(y);
        assertEquals(4, order.size());
        assertSame(m, order.get(0));
        assertSame(a, order.get(1));
        assertSame(y, order.get(3));
        assertTrue(Graphs.topologicalOrder(x).isEmpty());
    }

    @Test
    void dotHasOneNodePerTensorAndOneEdgePerUse() {
        Tensor y = x.mul(w).add(x).mul(c).sum();
        String dot = Graphs.toDot(y);
        assertTrue(dot.startsWith("digraph inertia {"), dot);
        assertEquals(7, count(dot, "label="), dot);                 // sum, mul, add, mul, x, w, c
        assertEquals(7, count(dot, " -> "), dot);                  // x twice, w, c, and three op-to-op arrows
        assertTrue(dot.contains("label=\"sum\\n[]\", shape=box, penwidth=2.5"), dot);
        assertTrue(dot.contains("label=\"leaf [3]\\nfloat64\", shape=ellipse]"), dot);
        assertTrue(dot.contains("label=\"constant [3]\\nfloat64\", shape=ellipse, style=dashed]"), dot);
    }

    @Test
    void aGraphFreedByBackwardCannotBeDrawnAndSaysWhy() {
        Tensor y = x.mul(w).sum();
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Graphs.toDot(y));
        assertTrue(e.getMessage().contains("retainGraph=true"), e.getMessage());
    }

    @Test
    void pngIsDrawnByGraphvizOrTheMessageSaysWhatToInstall() throws Exception {
        Tensor y = x.mul(w).add(x).sum();
        Path png = dir.resolve("y.png");
        boolean dotInstalled = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(p -> Files.isExecutable(Path.of(p, "dot")));
        if (dotInstalled) {
            Graphs.writePng(y, png);
            byte[] bytes = Files.readAllBytes(png);
            assertEquals((byte) 0x89, bytes[0]);
            assertEquals('P', bytes[1]);
        } else {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Graphs.writePng(y, png));
            assertTrue(e.getMessage().contains("apt-get install graphviz"), e.getMessage());
            assertFalse(Files.exists(png));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(dotInstalled ? 1 : 0, files.count(), "no temporary files left behind");
        }
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
