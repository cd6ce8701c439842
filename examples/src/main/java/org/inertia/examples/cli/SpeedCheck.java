package org.inertia.examples.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What {@code info} measures and warns about: the GEMM rate this process actually gets, and settings
 * known to make training slow on a small machine. Measuring beats guessing here: BLAS libraries
 * misdetect new CPUs, and the only sure sign is the rate itself.
 */
final class SpeedCheck {
    /** A float32 GEMM slower than this per core, on a CPU with AVX2 or better, means a generic kernel. */
    static final double POOR_GFLOPS_PER_CORE = 15;

    private SpeedCheck() {
    }

    /**
     * Median GFLOP/s of an n×n×n float32 matrix product through {@code Nd4j.gemm}, the call Inertia's
     * matmul and linear layers make (a few warm-up runs, then {@code repeats}).
     */
    static double sgemmGflops(int n, int repeats) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        for (int i = 0; i < 30; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        double[] seconds = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            seconds[i] = (System.nanoTime() - t) / 1e9;
        }
        Arrays.sort(seconds);
        return 2.0 * n * n * n / seconds[repeats / 2] / 1e9;
    }

    /** The widest vector instruction set the CPU reports, from its flags. */
    static String vectorIsa(Set<String> flags) {
        if (flags.contains("avx512f")) {
            return "AVX-512";
        }
        if (flags.contains("avx2")) {
            return "AVX2";
        }
        if (flags.contains("avx")) {
            return "AVX";
        }
        return flags.isEmpty() ? "unknown" : "SSE";
    }

    /**
     * OpenMP threads for {@code cores} cores: all of them. Data-parallel training gives each of its threads
     * a one-thread team anyway; a model trained whole needs every core for its matrix products more than
     * the JIT needs one for its first seconds (docs/performance.md, "The whole job").
     */
    static int recommendedThreads(int cores) {
        return Math.max(1, cores);
    }

    /**
     * Warnings for settings that make this process slow; empty when all is well.
     *
     * @param nativeBuild the loaded libnd4j flavour (e.g. linux-x86_64-onednn)
     * @param ompThreads  OpenMP threads libnd4j uses
     * @param cores       cores available to the JVM
     * @param flags       CPU flags
     * @param gflops      measured sgemm rate
     * @param env         OMP_WAIT_POLICY, OPENBLAS_CORETYPE ... as set (null when unset)
     */
    static List<String> warnings(String nativeBuild, int ompThreads, int cores, Set<String> flags, double gflops,
            Function<String, String> env) {
        List<String> out = new ArrayList<>();
        String isa = vectorIsa(flags);
        boolean wideVectors = isa.equals("AVX2") || isa.equals("AVX-512");
        int best = recommendedThreads(cores);
        if (ompThreads > best) {
            out.add(String.format(Locale.ROOT, "%d OpenMP threads on %d cores: they wait at every barrier for cores "
                    + "that do not exist; unset OMP_NUM_THREADS or set it to %d", ompThreads, cores, best));
        } else if (ompThreads < best) {
            out.add(String.format(Locale.ROOT, "%d OpenMP threads on %d cores: cores left idle; unset OMP_NUM_THREADS "
                    + "or set it to %d", ompThreads, cores, best));
        }
        if ("active".equalsIgnoreCase(env.apply("OMP_WAIT_POLICY"))) {
            out.add("OMP_WAIT_POLICY=active: idle OpenMP threads spin and steal time from BLAS threads on small machines; "
                    + "unset it");
        }
        if (!nativeBuild.contains("onednn") && wideVectors) {
            out.add("the " + nativeBuild.split(" ")[0] + " build runs convolutions without oneDNN on this " + isa
                    + " CPU; the default linux-x86_64-onednn build is several times faster (README: Choosing the ND4J build)");
            if (env.apply("OPENBLAS_CORETYPE") == null && isa.equals("AVX-512")) {
                out.add("OpenBLAS may not recognise this CPU and fall back to slow kernels; "
                        + "try OPENBLAS_CORETYPE=SkylakeX");
            }
        }
        if (wideVectors && gflops < POOR_GFLOPS_PER_CORE * Math.min(ompThreads, cores)) {
            out.add(String.format(Locale.ROOT, "float32 GEMM runs at %.0f GFLOP/s, below the %.0f expected of %d %s "
                    + "cores: the BLAS is probably using generic kernels", gflops,
                    POOR_GFLOPS_PER_CORE * Math.min(ompThreads, cores), Math.min(ompThreads, cores), isa));
        }
        return out;
    }
}
