package org.inertia.examples.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.inertia.core.FastPaths;
import org.inertia.nn.train.steps.DataParallel;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code inertia info}: the numerical backend, its BLAS and threads, and versions. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Prints the ND4J backend and native build, the BLAS and thread settings, and versions.")
public final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String format = "%-22s %s%n";
        out.printf(Locale.ROOT, format, "Inertia", version("org.inertia", "inertia-examples"));
        out.printf(Locale.ROOT, format, "Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                + ")");
        out.printf(Locale.ROOT, format, "ND4J", version("org.nd4j", "nd4j-api") + ", backend " + env.get("backend"));
        String build = NativeBuild.describe();
        out.printf(Locale.ROOT, format, "native build", build);
        boolean onednn = build.contains("onednn");
        out.printf(Locale.ROOT, format, "BLAS", env.get("blas.vendor") + " (" + env.get("blas.threads") + " threads)"
                + (onednn ? "; float GEMM and convolutions run in oneDNN, which picks its kernels for this CPU" : ""));
        int ompThreads = Integer.parseInt(String.valueOf(env.get("omp.threads")));
        int cores = Runtime.getRuntime().availableProcessors();
        String shards = System.getProperty(DataParallel.PROPERTY, "1");
        out.printf(Locale.ROOT, format, "OpenMP threads", String.valueOf(ompThreads));
        out.printf(Locale.ROOT, format, "training threads", !FastPaths.enabled() ? "1 (reference mode: no data-parallel slicing)"
                : "1".equals(shards.strip()) ? "1 (" + DataParallel.PROPERTY + " not set)"
                : shards + ": batches split across them, one OpenMP thread each, where the model has no batch norm and "
                + "is not dense layers only (" + DataParallel.PROPERTY + ")");
        out.printf(Locale.ROOT, format, "JIT", JitPolicy.describe());
        out.printf(Locale.ROOT, format, "ops", FastPaths.enabled()
                ? "fast kernels where they exist (-Dinertia.reference=true runs every op's readable form)"
                : "readable forms only (-Dinertia.reference=true): no native shortcuts, fused steps, in-place "
                + "gradient writes or data-parallel slicing");
        Set<String> flags = NativeBuild.cpuFlags();
        out.printf(Locale.ROOT, format, "CPU", NativeBuild.cpuModel() + ", " + cores + " cores, "
                + SpeedCheck.vectorIsa(flags));
        double gflops = SpeedCheck.sgemmGflops(512, 21);
        out.printf(Locale.ROOT, "%-22s %.0f GFLOP/s (measured now, median of 21)%n", "float32 GEMM 512^3", gflops);
        out.printf(Locale.ROOT, format, "max heap", (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        for (String v : new String[] {"OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE", "OMP_WAIT_POLICY"}) {
            String value = System.getenv(v);
            out.printf(Locale.ROOT, format, v, value == null ? "(not set)" : value);
        }
        List<String> warnings = SpeedCheck.warnings(build, ompThreads, cores, flags, gflops, System::getenv);
        for (String w : warnings) {
            out.println("WARNING: " + w);
        }
        if (warnings.isEmpty()) {
            out.println("settings look right for this machine");
        }
        out.flush();
        return 0;
    }

    /** A dependency's version from the Maven metadata the jar carries. */
    static String version(String group, String artifact) {
        String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (java.io.InputStream in = InfoCommand.class.getResourceAsStream(path)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
