package org.inertia.examples.studio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.inertia.optim.trace.Objective;
import org.inertia.optim.trace.Quadratic;
import org.inertia.optim.trace.TestFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The studio's HTTP API over the run directories under a root, read-only: it never writes a file.
 * Built on the JDK's own server ({@code com.sun.net.httpserver}, module jdk.httpserver): a local app
 * serving a few JSON and CSV answers needs no framework, and nothing to download.
 *
 * <ul>
 *   <li>{@code GET /api/runs}: each run's name, config and summary (null while it trains);</li>
 *   <li>{@code GET /api/runs/NAME/steps[?since=STEP]}: its per-step metrics so far ({@code steps.csv}) as
 *       {@code {"columns": [...], "rows": [[...], ...], "last": STEP}}, only the rows after {@code since} if
 *       given (what a page polling a running job needs); {@code /epochs} the same of its per-epoch
 *       metrics ({@code metrics.csv}: train and test loss and accuracy, lr, momentum, norms), {@code /layers}
 *       of its per-parameter diagnostics ({@code layers.csv}), {@code /confusion} of its confusion matrices
 *       ({@code confusion.csv}, one row per epoch and actual class);</li>
 *   <li>{@code GET /api/trace?function=...&optimizer=...}: the CSV the {@code trace} command prints for
 *       the same flags (names without the dashes); its error message with status 400;
 *       {@code /api/trace/options} describes those flags ({@link TraceOption});</li>
 *   <li>{@code GET /api/surface?function=...[&condition=K]}: log10(1 + f) on a grid, for the contours;
 *       {@code GET /api/momentum?[condition=K&lr=...&momentum=...]}: "why momentum works" on the quadratic.</li>
 * </ul>
 * Unknown runs and paths answer 404; every response forbids framing and outside scripts
 * (Content-Security-Policy).
 */
public final class StudioServer implements AutoCloseable {
    static final String CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final Logger LOG = LoggerFactory.getLogger(StudioServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** No request may ask for more trace steps than this (the command allows more; a server must answer). */
    static final int MAX_TRACE_STEPS = 100_000;
    /** No trace request may take longer than this. */
    static final int TRACE_SECONDS = 20;

    /** The page's files, by URL path: the studio's own and the charting library's, all from the jar. */
    private static final Map<String, String[]> STATIC = Map.of(
            "/", new String[] {"/org/inertia/examples/studio/index.html", "text/html"},
            "/studio.js", new String[] {"/org/inertia/examples/studio/studio.js", "text/javascript"},
            "/studio.css", new String[] {"/org/inertia/examples/studio/studio.css", "text/css"},
            "/favicon.ico", new String[] {"/org/inertia/examples/studio/favicon.svg", "image/svg+xml"},
            "/favicon.svg", new String[] {"/org/inertia/examples/studio/favicon.svg", "image/svg+xml"},
            "/echarts.min.js", new String[] {"/META-INF/resources/webjars/echarts/" + echartsVersion()
                + "/dist/echarts.min.js", "text/javascript"});
    /** A run's tables by the last segment of their URL: each is a CSV file the train command writes. */
    private static final Map<String, String> TABLES = Map.of("steps", "steps.csv", "epochs", "metrics.csv",
            "layers", "layers.csv", "confusion", "confusion.csv");
    /** Grid points per side of a surface. */
    static final int SURFACE_POINTS = 60;

    private final RunDirectories runs;
    private final TraceService trace;
    private final HttpServer server;
    /** Traces run here, two at a time at most, so that they cannot take every request thread. */
    private final ExecutorService traceThreads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "inertia-studio-trace");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "inertia-studio");
        t.setDaemon(true);
        return t;
    });

    /**
     * Serves the runs under {@code root} on {@code host:port} (port 0: any free one); {@code trace} runs the
     * trace command on a list of command-line arguments and describes its options.
     */
    public StudioServer(Path root, String host, int port, TraceService trace) throws IOException {
        this.runs = new RunDirectories(root);
        this.trace = trace;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod())) {
                send(ex, 405, "text/plain", "only GET is served");
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            if (path.equals("/api/runs")) {
                listRuns(ex);
            } else if (path.startsWith("/api/runs/") && path.lastIndexOf('/') > "/api/runs/".length()
                    && TABLES.containsKey(path.substring(path.lastIndexOf('/') + 1))) {
                String table = path.substring(path.lastIndexOf('/') + 1);
                String raw = path.substring("/api/runs/".length(), path.length() - table.length() - 1);
                table(ex, URLDecoder.decode(raw, StandardCharsets.UTF_8), TABLES.get(table),
                        parameters(ex.getRequestURI().getRawQuery()).get("since"));
            } else if (path.equals("/api/trace/options")) {
                send(ex, 200, "application/json", JSON.writeValueAsString(trace.options()));
            } else if (path.equals("/api/trace")) {
                trace(ex, ex.getRequestURI());
            } else if (path.equals("/api/momentum")) {
                momentum(ex, ex.getRequestURI().getRawQuery());
            } else if (path.equals("/api/surface")) {
                surface(ex, ex.getRequestURI().getRawQuery());
            } else if (STATIC.containsKey(path)) {
                staticFile(ex, STATIC.get(path));
            } else {
                send(ex, 404, "text/plain", "no such page: " + path);
            }
        } catch (RuntimeException e) {
            LOG.warn("studio: {} failed", ex.getRequestURI(), e);
            send(ex, 500, "text/plain", "internal error: " + e);
        }
    }

    private void listRuns(HttpExchange ex) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : runs.names()) {
            Path dir = runs.find(name).orElseThrow();
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("name", name);
            run.put("config", readJson(dir.resolve("config.json")));
            run.put("summary", readJson(dir.resolve("summary.json")));
            out.add(run);
        }
        send(ex, 200, "application/json", JSON.writeValueAsString(out));
    }

    private static Object readJson(Path file) {
        try {
            return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), Object.class) : null;
        } catch (IOException e) {
            return null;                // a file being replaced; the next poll reads it
        }
    }

    /** A run's CSV file ({@link #TABLES}) as JSON columns and numeric rows, as far as it is written. */
    private void table(HttpExchange ex, String name, String csv, String sinceRaw) throws IOException {
        Optional<Path> dir = runs.find(name);
        if (dir.isEmpty()) {
            send(ex, 404, "text/plain", "no run named '" + name + "'");
            return;
        }
        double since;
        try {
            since = sinceRaw == null ? Double.NEGATIVE_INFINITY : Double.parseDouble(sinceRaw);
        } catch (NumberFormatException e) {
            send(ex, 400, "text/plain", "since must be a number (the last step already read), got '" + sinceRaw + "'");
            return;
        }
        Path file = dir.get().resolve(csv);
        List<String> columns = List.of();
        List<List<Double>> rows = new ArrayList<>();
        Double last = null;
        if (Files.isRegularFile(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (!lines.isEmpty()) {
                columns = List.of(lines.get(0).split(","));
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                List<Double> row = numbers(line, columns.size());
                if (row != null && row.get(0) != null) {
                    last = row.get(0);
                    if (row.get(0) > since) {
                        rows.add(row);
                    }
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", columns);
        out.put("rows", rows);
        out.put("last", last);
        send(ex, 200, "application/json", JSON.writeValueAsString(out));
    }

    /** A CSV row's cells as numbers (empty, NaN or infinite: null, as JSON has no NaN); null for a partial row. */
    private static List<Double> numbers(String line, int columns) {
        String[] cells = line.split(",", -1);
        if (cells.length != columns) {
            return null;                        // the row being appended right now
        }
        List<Double> row = new ArrayList<>(columns);
        for (String c : cells) {
            try {
                Double v = c.isEmpty() ? null : Double.valueOf(c);
                row.add(v == null || v.isNaN() || v.isInfinite() ? null : v);
            } catch (NumberFormatException e) {
                return null;                    // a cell cut short as it is written
            }
        }
        return row;
    }

    /** A query string's parameters, decoded, in order (a name without "=" maps to null; the last of a name wins). */
    static Map<String, String> parameters(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? null : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private void trace(HttpExchange ex, URI uri) throws IOException {
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, String> p : parameters(uri.getRawQuery()).entrySet()) {
            String name = p.getKey();
            String value = p.getValue();
            if (!name.matches("[a-z0-9-]{1,40}") || name.equals("plot") || name.equals("loss-plot")) {
                send(ex, 400, "text/plain", "unknown or not allowed parameter '" + name + "' (the studio returns the "
                        + "trace's CSV; it writes no files)");
                return;
            }
            if (name.equals("steps") && value != null && value.matches("\\d{1,9}")
                    && Integer.parseInt(value) > MAX_TRACE_STEPS) {
                send(ex, 400, "text/plain", "steps must be <= " + MAX_TRACE_STEPS + " in the studio, got " + value);
                return;
            }
            args.add("--" + name);
            if (value != null) {
                args.add(value);
            }
        }
        java.util.concurrent.Future<TraceService.Answer> running = traceThreads.submit(() -> trace.run(args));
        TraceService.Answer answer;
        try {
            answer = running.get(TRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            running.cancel(true);
            send(ex, 503, "text/plain", "the trace took longer than " + TRACE_SECONDS + " s; ask for fewer steps");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(ex, 503, "text/plain", "interrupted");
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("trace failed", e.getCause());
        }
        send(ex, answer.ok() ? 200 : 400, answer.ok() ? "text/csv" : "text/plain", answer.text());
    }

    /**
     * "Why momentum works" on the quadratic 0.5 x² + 0.5 κ y² (curvatures 1 and κ; κ = 50 unless asked):
     * the optimal heavy-ball constants, and for the given lr and momentum each direction's predicted rate
     * next to the rate measured on the real run (the trace command's momentum optimizer, PyTorch form, which
     * is heavy ball with the same η and β).
     */
    private void momentum(HttpExchange ex, String query) throws IOException {
        Map<String, String> q = parameters(query);
        Quadratic quadratic;
        try {
            quadratic = (Quadratic) objective("quadratic",
                    Objects.requireNonNullElse(q.get("condition"), Double.toString(Quadratic.DEFAULT_CONDITION)));
        } catch (IllegalArgumentException e) {
            send(ex, 400, "text/plain", e.getMessage());
            return;
        }
        double mu = quadratic.curvatures()[0];
        double l = quadratic.curvatures()[1];
        String lr = Objects.requireNonNullElse(q.get("lr"), Double.toString(MomentumTheory.optimalLr(mu, l)));
        String beta = Objects.requireNonNullElse(q.get("momentum"),
                Double.toString(MomentumTheory.optimalMomentum(mu, l)));
        String steps = Objects.requireNonNullElse(q.get("steps"), "200");
        if (!steps.matches("\\d{1,4}")) {
            send(ex, 400, "text/plain", "steps must be a whole number up to 9999, got '" + steps + "'");
            return;
        }
        TraceService.Answer run = trace.run(List.of("--function", "quadratic", "--condition", Double.toString(l),
                "--optimizer", "momentum", "--lr", lr, "--momentum", beta, "--steps", steps));
        if (!run.ok()) {
            send(ex, 400, "text/plain", run.text());
            return;
        }
        String[] lines = run.text().strip().split("\n");
        double[] xs = new double[lines.length - 1];
        double[] ys = new double[lines.length - 1];
        for (int i = 1; i < lines.length; i++) {
            String[] c = lines[i].split(",");
            xs[i - 1] = Double.parseDouble(c[1]);
            ys[i - 1] = Double.parseDouble(c[2]);
        }
        double eta = Double.parseDouble(lr);
        double b = Double.parseDouble(beta);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("function", "0.5 x² + " + number(l / 2) + " y²");
        out.put("eigenvalues", List.of(mu, l));
        out.put("condition", l / mu);
        out.put("optimal_lr", MomentumTheory.optimalLr(mu, l));
        out.put("optimal_momentum", MomentumTheory.optimalMomentum(mu, l));
        out.put("lr", eta);
        out.put("momentum", b);
        List<Map<String, Object>> directions = new ArrayList<>();
        String[] axes = {"x", "y"};
        double[][] paths = {xs, ys};
        double[] curvatures = {mu, l};
        for (int d = 0; d < 2; d++) {
            Map<String, Object> dir = new LinkedHashMap<>();
            dir.put("axis", axes[d]);
            dir.put("eigenvalue", curvatures[d]);
            dir.put("predicted_rate", MomentumTheory.rate(eta, b, curvatures[d]));
            double measured = MomentumTheory.measuredRate(paths[d]);
            dir.put("measured_rate", Double.isNaN(measured) ? null : measured);
            dir.put("path", paths[d]);
            directions.add(dir);
        }
        out.put("directions", directions);
        send(ex, 200, "application/json", JSON.writeValueAsString(out));
    }

    /** The version of the ECharts WebJar on the class path (from its Maven metadata). */
    private static String echartsVersion() {
        try (var in = StudioServer.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "5.3.1");
        } catch (IOException e) {
            return "5.3.1";
        }
    }

    private static void staticFile(HttpExchange ex, String[] resource) throws IOException {
        try (var in = StudioServer.class.getResourceAsStream(resource[0])) {
            if (in == null) {
                send(ex, 404, "text/plain", "missing from the jar: " + resource[0]);
                return;
            }
            send(ex, 200, resource[1], in.readAllBytes());
        }
    }

    /** log10(1 + f) on a grid over the function's plotting range, for the playground's contours. */
    private static void surface(HttpExchange ex, String query) throws IOException {
        Map<String, String> q = parameters(query);
        Objective f;
        try {
            f = objective(q.get("function"), q.get("condition"));
        } catch (IllegalArgumentException e) {
            send(ex, 400, "text/plain", e.getMessage());
            return;
        }
        double[] r = f.plotRange();
        int n = SURFACE_POINTS;
        double[] xs = new double[n * n];
        double[] ys = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                xs[j * n + i] = r[0] + (r[1] - r[0]) * i / (n - 1);
                ys[j * n + i] = r[2] + (r[3] - r[2]) * j / (n - 1);
            }
        }
        double[] v = f.value(org.inertia.core.Tensor.of(org.inertia.core.DType.FLOAT64, xs, n * n),
                org.inertia.core.Tensor.of(org.inertia.core.DType.FLOAT64, ys, n * n)).toDoubleArray();
        List<double[]> cells = new ArrayList<>();
        for (int k = 0; k < v.length; k++) {
            cells.add(new double[] {xs[k], ys[k], Math.log10(1 + v[k])});
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("range", r);
        out.put("points", n);
        out.put("cells", cells);
        out.put("start", f.start());
        out.put("minima", f.minima());
        send(ex, 200, "application/json", JSON.writeValueAsString(out));
    }

    /** A test function by its trace name, with the quadratic's condition number if given (messages name the parameters). */
    static Objective objective(String name, String condition) {
        TestFunction named = null;
        for (TestFunction t : TestFunction.values()) {
            if (t.cliName().equals(name)) {
                named = t;
            }
        }
        if (named == null) {
            throw new IllegalArgumentException("function must be one of rosenbrock, quadratic, beale, himmelblau, got '"
                    + name + "'");
        }
        if (condition == null || condition.isEmpty()) {
            return named;
        }
        double k;
        try {
            k = Double.parseDouble(condition);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("condition must be a number, got '" + condition + "'");
        }
        try {
            return named.withCondition(k);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("condition: " + e.getMessage(), e);
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.getResponseHeaders().set("Content-Security-Policy", CSP);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops serving. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        traceThreads.shutdownNow();
    }
}
