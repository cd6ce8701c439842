package org.inertia.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Looking at the graph autograd records: which op made a tensor and from what, the order the backward
 * pass walks, and a picture of the whole expression (Graphviz DOT text, or a PNG when Graphviz's
 * {@code dot} is installed).
 *
 * <pre>
 *   Tensor y = x.mul(w).add(x).sum();
 *   System.out.println(Graphs.toDot(y));          // paste into any Graphviz viewer
 *   Graphs.writePng(y, Path.of("y.png"));         // needs `dot` on the PATH
 * </pre>
 *
 * The graph exists until a backward pass frees it: draw it before {@code backward()}, or call
 * {@code backward(true)} to keep it.
 */
public final class Graphs {
    private Graphs() {
    }

    /** The tensors the op that made {@code t} took as inputs, in order; empty for a leaf. */
    public static List<Tensor> inputs(Tensor t) {
        Node node = t.gradFn();
        return node == null ? List.of() : List.of(node.inputs());
    }

    /**
     * Every non-leaf tensor {@code root} depends on through tensors that require grad, each after all
     * of its inputs: the order the backward pass walks in reverse ({@code Autograd}). Empty for a leaf.
     */
    public static List<Tensor> topologicalOrder(Tensor root) {
        return root.isLeaf() ? List.of() : Autograd.topologicalOrder(root);
    }

    /**
     * The expression that computed {@code root} as Graphviz DOT text: one box per op (its name and
     * output shape), one ellipse per leaf (shape, dtype, and whether it requires grad), arrows from
     * inputs to the ops that used them, the root drawn bold.
     */
    public static String toDot(Tensor root) {
        Map<Tensor, String> ids = new IdentityHashMap<>();
        List<Tensor> all = new ArrayList<>();
        ArrayDeque<Tensor> todo = new ArrayDeque<>();
        todo.push(root);
        ids.put(root, "t0");
        all.add(root);
        while (!todo.isEmpty()) {                        // iterative, like the engine: deep graphs are fine
            for (Tensor input : inputs(todo.pop())) {
                if (!ids.containsKey(input)) {
                    ids.put(input, "t" + ids.size());
                    all.add(input);
                    todo.push(input);
                }
            }
        }
        StringBuilder dot = new StringBuilder("digraph inertia {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        for (Tensor t : all) {
            String shape = Arrays.toString(t.shape());
            String label;
            String style;
            if (t.isLeaf()) {
                label = (t.requiresGrad() ? "leaf " : "constant ") + shape + "\\n" + t.dtype().name().toLowerCase(Locale.ROOT);
                style = t.requiresGrad() ? "shape=ellipse" : "shape=ellipse, style=dashed";
            } else {
                label = t.gradFnName() + "\\n" + shape;
                style = "shape=box";
            }
            dot.append("  ").append(ids.get(t)).append(" [label=\"").append(escape(label)).append("\", ").append(style)
                    .append(t == root ? ", penwidth=2.5" : "").append("];\n");
        }
        for (Tensor t : all) {
            for (Tensor input : inputs(t)) {
                dot.append("  ").append(ids.get(input)).append(" -> ").append(ids.get(t)).append(";\n");
            }
        }
        return dot.append("}\n").toString();
    }

    /**
     * Draws {@code root}'s graph into {@code file} as a PNG with Graphviz's {@code dot}, replacing the
     * file only once the picture is complete. Throws naming what to install when {@code dot} is missing.
     */
    public static Path writePng(Tensor root, Path file) throws IOException {
        String dotText = toDot(root);
        Path dir = file.toAbsolutePath().getParent();
        // A fresh name that dot creates itself, so the picture gets the usual permissions (umask).
        Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            Process p;
            try {
                p = new ProcessBuilder("dot", "-Tpng", "-o", tmp.toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IllegalStateException("Graphs.writePng needs Graphviz's 'dot' on the PATH (Debian: "
                        + "apt-get install graphviz); Graphs.toDot gives the DOT text to draw elsewhere", e);
            }
            try (OutputStream in = p.getOutputStream()) {
                in.write(dotText.getBytes(StandardCharsets.UTF_8));
            }
            String output = readAll(p.getInputStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("dot did not finish drawing " + file + " within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("dot failed (exit " + p.exitValue() + ") drawing " + file + ": " + output.strip());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while drawing " + file, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String escape(String label) {
        return label.replace("\"", "\\\"");
    }
}
