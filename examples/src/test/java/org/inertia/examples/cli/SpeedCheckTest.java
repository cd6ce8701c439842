package org.inertia.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpeedCheckTest {
    private static final Set<String> AVX512 = Set.of("sse2", "avx", "avx2", "avx512f");

    @Test
    void rightSettingsGiveNoWarnings() {
        assertEquals(List.of(), SpeedCheck.warnings("linux-x86_64-onednn (/x)", 2, 2, AVX512, 150, Map.<String, String>of()::get));
        assertEquals(List.of(), SpeedCheck.warnings("linux-x86_64-onednn (/x)", 8, 8, AVX512, 150, Map.<String, String>of()::get));
        assertEquals(List.of(), SpeedCheck.warnings("linux-x86_64-onednn (/x)", 1, 1, AVX512, 150, Map.<String, String>of()::get));
    }

    @Test
    void oversubscribedAndIdleThreadsAreNamed() {
        assertTrue(SpeedCheck.warnings("linux-x86_64-onednn", 8, 2, AVX512, 150, k -> null).get(0)
                .contains("8 OpenMP threads on 2 cores"));
        assertTrue(SpeedCheck.warnings("linux-x86_64-onednn", 3, 2, AVX512, 150, k -> null).get(0)
                .contains("unset OMP_NUM_THREADS or set it to 2"));
        assertTrue(SpeedCheck.warnings("linux-x86_64-onednn", 2, 8, AVX512, 150, k -> null).get(0)
                .contains("cores left idle; unset OMP_NUM_THREADS or set it to 8"));
    }

    @Test
    void plainBuildOnAvx512SuggestsOnednnAndCoreType() {
        List<String> w = SpeedCheck.warnings("linux-x86_64 (/x)", 2, 2, AVX512, 150, k -> null);
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).contains("linux-x86_64-onednn"), w.get(0));
        assertTrue(w.get(1).contains("OPENBLAS_CORETYPE=SkylakeX"), w.get(1));
    }

    @Test
    void slowGemmAndSpinningThreadsAreReported() {
        List<String> w = SpeedCheck.warnings("linux-x86_64-onednn", 2, 2, AVX512, 12,
                Map.of("OMP_WAIT_POLICY", "ACTIVE")::get);
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).contains("OMP_WAIT_POLICY=active"), w.get(0));
        assertTrue(w.get(1).contains("12 GFLOP/s, below the 30"), w.get(1));
    }

    @Test
    void isaIsTheWidestFlag() {
        assertEquals("AVX-512", SpeedCheck.vectorIsa(AVX512));
        assertEquals("AVX2", SpeedCheck.vectorIsa(Set.of("avx", "avx2")));
        assertEquals("unknown", SpeedCheck.vectorIsa(Set.of()));
    }
}
