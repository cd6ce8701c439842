package org.inertia.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.inertia.core.Rng;
import org.junit.jupiter.api.Test;

/** {@link Mnist#bundled}: the inertia-datasets copy, normalised as the examples train on it. */
class BundledMnistTest {
    @Test
    void splitsHaveTheOfficialSizesAndTheExamplesNormalisation() {
        ImageDataset train = Mnist.bundled(Split.TRAIN);
        ImageDataset test = Mnist.bundled(Split.TEST);
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertEquals(7, test.label(0));
        try (Batch b = test.batch(new int[] {0}, new Rng(0))) {
            byte[] raw = test.image(0);
            double[] x = b.inputs().toDoubleArray();
            for (int i = 0; i < raw.length; i++) {
                assertEquals(((raw[i] & 0xff) / 255.0 - Mnist.MEAN) / Mnist.STD, x[i], 1e-5, "pixel " + i);
            }
        }
    }

    @Test
    void theFilesAreReadOncePerJvm() throws Exception {
        Mnist.bundled(Split.TEST);
        java.lang.reflect.Field cache = Mnist.class.getDeclaredField("BUNDLED_SPLITS");
        cache.setAccessible(true);
        Object before = ((Object[]) cache.get(null))[Split.TEST.ordinal()];
        Mnist.bundled(Split.TEST);
        assertSame(before, ((Object[]) cache.get(null))[Split.TEST.ordinal()]);
    }

    /** Without inertia-datasets on the class path the error names the artifact to add. */
    @Test
    void withoutTheDatasetsArtifactTheMessageNamesIt() throws Exception {
        URL nnClasses = Mnist.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader parent = ClassLoader.getSystemClassLoader().getParent();     // the platform loader: no ND4J
        URL[] path = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(p -> !p.contains("inertia-datasets") && !p.contains("datasets/target"))
                .map(p -> {
                    try {
                        return Path.of(p).toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
        assertTrue(java.util.Arrays.asList(path).contains(nnClasses), "nn's classes are on the trimmed path");
        try (URLClassLoader withoutDatasets = new URLClassLoader(path, parent)) {
            Class<?> mnist = withoutDatasets.loadClass(Mnist.class.getName());
            Class<?> split = withoutDatasets.loadClass(Split.class.getName());
            Object trainSplit = split.getEnumConstants()[0];
            java.lang.reflect.InvocationTargetException e = assertThrows(java.lang.reflect.InvocationTargetException.class,
                    () -> mnist.getMethod("bundled", split).invoke(null, trainSplit));
            assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
            assertTrue(e.getCause().getMessage().contains("org.inertia:inertia-datasets"), e.getCause().getMessage());
        }
    }
}
