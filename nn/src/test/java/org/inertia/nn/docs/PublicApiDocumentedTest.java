package org.inertia.nn.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every public or protected class, constructor, method, field and enum constant of the library
 * modules has a doc comment (overrides inherit theirs). The Javadoc build checks the comments'
 * HTML, references and syntax (doclint); this checks that none is missing, which is what a user
 * browsing the API meets.
 */
class PublicApiDocumentedTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"core", "optim", "nn", "datasets"})
    void everyPublicMemberHasADocComment(String module) throws IOException {
        Path root = Path.of("..", module, "src", "main", "java");
        assertTrue(Files.isDirectory(root), root.toAbsolutePath() + " not found (tests run from the module directory)");
        List<String> undocumented = undocumented(root);
        assertTrue(undocumented.isEmpty(), undocumented.size() + " public members of " + module
                + " have no doc comment:\n  " + String.join("\n  ", undocumented));
    }

    static List<String> undocumented(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> out = new ArrayList<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null,
                    fm.getJavaFileObjectsFromPaths(files));
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                String file = root.toAbsolutePath().normalize().relativize(Path.of(unit.getSourceFile().toUri())).toString();
                new TreePathScanner<Void, Boolean>() {
                    @Override
                    public Void visitClass(ClassTree t, Boolean visible) {
                        boolean exposed = visible != Boolean.FALSE && exposed(t.getModifiers(), visible == null);
                        if (exposed) {
                            require(t.getSimpleName().toString());
                        }
                        boolean iface = t.getKind() == Tree.Kind.INTERFACE || t.getKind() == Tree.Kind.ANNOTATION_TYPE;
                        for (Tree member : t.getMembers()) {
                            scan(member, exposed && !iface ? Boolean.TRUE : exposed ? null : Boolean.FALSE);
                        }
                        return null;
                    }

                    @Override
                    public Void visitMethod(MethodTree m, Boolean visible) {
                        boolean inInterface = visible == null;
                        boolean override = m.getModifiers().getAnnotations().stream()
                                .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
                        if (visible != Boolean.FALSE && !override && exposed(m.getModifiers(), inInterface)) {
                            require(m.getName().toString().equals("<init>") ? "constructor" : m.getName() + "()");
                        }
                        return null;
                    }

                    @Override
                    public Void visitVariable(VariableTree v, Boolean visible) {
                        if (visible != Boolean.FALSE && exposed(v.getModifiers(), visible == null)) {
                            require(v.getName().toString());
                        }
                        return null;
                    }

                    private boolean exposed(ModifiersTree modifiers, boolean implicitlyPublic) {
                        return implicitlyPublic || modifiers.getFlags().contains(Modifier.PUBLIC)
                                || modifiers.getFlags().contains(Modifier.PROTECTED);
                    }

                    private void require(String what) {
                        if (docs.getDocComment(getCurrentPath()) == null) {
                            long line = unit.getLineMap().getLineNumber(
                                    docs.getSourcePositions().getStartPosition(unit, getCurrentPath().getLeaf()));
                            out.add(file + ":" + line + " " + what);
                        }
                    }
                }.scan(new com.sun.source.util.TreePath(unit), Boolean.TRUE);
            }
        }
        return out;
    }
}
