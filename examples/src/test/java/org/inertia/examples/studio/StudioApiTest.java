package org.inertia.examples.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.inertia.examples.CliRunner;
import org.inertia.examples.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The studio's API: runs, live per-step metrics, trace equal to the command's, and nothing outside --runs. */
class StudioApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @TempDir
    Path tmp;
    private Path runs;
    private StudioServer server;

    @BeforeEach
    void start() throws IOException {
        runs = Files.createDirectories(tmp.resolve("runs"));
        server = new StudioServer(runs, "127.0.0.1", 0, org.inertia.examples.cli.StudioAccess.trace());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsRunsWithConfigAndSummaryAndServesTheirSteps() throws Exception {
        Path run = runs.resolve("mlp-a");
        CliRunner.Result r = CliRunner.run("train", "--model", "mlp", "--epochs", "1", "--train-limit", "640",
            "--test-limit", "100", "--log-every", "2", "--diagnostics-every", "2", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.err());
        Files.createDirectories(runs.resolve("not-a-run"));
        HttpResponse<String> list = get("/api/runs");
        assertEquals(200, list.statusCode());
        assertTrue(list.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        JsonNode runsJson = JSON.readTree(list.body());
        assertEquals(1, runsJson.size(), list.body());
        assertEquals("mlp-a", runsJson.get(0).get("name").asText());
        assertEquals("mlp", runsJson.get(0).get("config").get("model").asText());
        assertTrue(runsJson.get(0).get("summary").get("test_accuracy").asDouble() > 0.3);

        JsonNode steps = JSON.readTree(get("/api/runs/mlp-a/steps").body());
        assertEquals(List.of("step", "epoch", "batch", "loss", "accuracy", "lr", "momentum"),
            JSON.convertValue(steps.get("columns"), List.class));
        assertEquals(5, steps.get("rows").size(), "10 steps logged every 2: " + steps);
        assertEquals(2, steps.get("rows").get(0).get(0).asInt());

        JsonNode epochs = JSON.readTree(get("/api/runs/mlp-a/epochs").body());
        assertEquals("epoch", epochs.get("columns").get(0).asText());
        assertEquals(1, epochs.get("rows").size());
        int test = JSON.convertValue(epochs.get("columns"), List.class).indexOf("test_accuracy");
        assertEquals(runsJson.get(0).get("summary").get("test_accuracy").asDouble(),
            epochs.get("rows").get(0).get(test).asDouble(), 1e-12);
        assertEquals(404, get("/api/runs/..%2Fsecret/epochs").statusCode());
        assertEquals(404, get("/api/runs/steps").statusCode(), "a table needs a run name");

        JsonNode layers = JSON.readTree(get("/api/runs/mlp-a/layers").body());
        List<?> layerColumns = JSON.convertValue(layers.get("columns"), List.class);
        assertEquals("step", layerColumns.get(0));
        assertTrue(layerColumns.contains("1.weight/log10_update_ratio") && layerColumns.contains("1.weight/cos_grad_velocity"),
            layerColumns.toString());
        assertEquals(5, layers.get("rows").size(), "every --diagnostics-every 2 steps");
        int ratio = layerColumns.indexOf("1.weight/log10_update_ratio");
        double r0 = layers.get("rows").get(0).get(ratio).asDouble();
        assertTrue(r0 < 0 && r0 > -8, "a plausible log10 update:parameter ratio: " + r0);

        JsonNode confusion = JSON.readTree(get("/api/runs/mlp-a/confusion").body());
        assertEquals(List.of("epoch", "actual", "predicted_0", "predicted_1", "predicted_2", "predicted_3", "predicted_4",
            "predicted_5", "predicted_6", "predicted_7", "predicted_8", "predicted_9"),
            JSON.convertValue(confusion.get("columns"), List.class));
        assertEquals(10, confusion.get("rows").size(), "one epoch, ten classes");
        double counted = 0;
        double right = 0;
        for (JsonNode row : confusion.get("rows")) {
            for (int c = 2; c < 12; c++) {
                counted += row.get(c).asDouble();
            }
            right += row.get(2 + row.get(1).asInt()).asDouble();
        }
        assertEquals(100, counted, "every test example once");
        assertEquals(runsJson.get(0).get("summary").get("test_accuracy").asDouble(), right / 100, 1e-12);
    }

    @Test
    void traceOptionsAreTheCommandsOwnAndFlagsPassThrough() throws Exception {
        JsonNode options = JSON.readTree(get("/api/trace/options").body());
        java.util.Map<String, JsonNode> byName = new java.util.HashMap<>();
        options.forEach(o -> byName.put(o.get("name").asText(), o));
        assertTrue(byName.keySet().containsAll(List.of("function", "condition", "start", "optimizer", "steps", "dtype",
            "lr", "momentum", "dampening", "weight-decay", "form", "bias-correction", "adaptive", "alpha", "eps", "centered",
            "beta1", "beta2", "amsgrad", "lr-schedule", "lr-gamma", "warmup-steps", "momentum-schedule", "momentum-max",
            "restart-every", "lr-step-every", "sweep")), byName.keySet().toString());
        assertTrue(!byName.containsKey("plot") && !byName.containsKey("loss-plot"), "the file-writing flags are not offered");
        assertEquals("η", byName.get("lr").get("label").asText());
        assertEquals("none", byName.get("lr-schedule").get("defaultValue").asText(), "trace's own default, not train's");
        assertEquals("50", byName.get("condition").get("defaultValue").asText());
        assertEquals("0.9", byName.get("momentum").get("defaults").get("nesterov").asText());
        assertEquals("0", byName.get("momentum").get("defaults").get("rmsprop").asText());
        assertTrue(byName.get("beta2").get("defaults").has("adamw") && !byName.get("beta2").get("defaults").has("sgd"));
        assertEquals(List.of("pytorch", "ema", "heavy-ball", "lookahead"),
            JSON.convertValue(byName.get("form").get("choices"), List.class));
        assertTrue(byName.get("amsgrad").get("flag").asBoolean());

        HttpResponse<String> t = get("/api/trace?function=quadratic&condition=200&optimizer=adam&amsgrad&lr-schedule=cosine"
            + "&steps=20");
        assertEquals(200, t.statusCode(), t.body());
        assertEquals(CliRunner.run("trace", "--function", "quadratic", "--condition", "200", "--optimizer", "adam",
            "--amsgrad", "--lr-schedule", "cosine", "--steps", "20").out(), t.body());
        HttpResponse<String> bad = get("/api/trace?function=beale&condition=3&optimizer=sgd");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("a condition number applies to the quadratic only"), bad.body());
    }

    @Test
    void theSurfaceFollowsTheConditionNumber() throws Exception {
        JsonNode fifty = JSON.readTree(get("/api/surface?function=quadratic").body());
        JsonNode thousand = JSON.readTree(get("/api/surface?function=quadratic&condition=1000").body());
        JsonNode corner = fifty.get("cells").get(0);                  // (-5, -3): 12.5 + 0.5 κ 9
        assertEquals(Math.log10(1 + 12.5 + 25 * 9), corner.get(2).asDouble(), 1e-12);
        assertEquals(Math.log10(1 + 12.5 + 500 * 9), thousand.get("cells").get(0).get(2).asDouble(), 1e-12);
        assertEquals(400, get("/api/surface?function=quadratic&condition=0").statusCode());
        assertEquals(400, get("/api/surface?function=quadratic&condition=big").statusCode());
        assertEquals(400, get("/api/surface?function=himmelblau&condition=10").statusCode());
        assertEquals(400, get("/api/surface?function=sphere").statusCode());
    }

    @Test
    void aLibraryUsersRunDirectoryIsARunToo() throws Exception {
        Path own = Files.createDirectories(runs.resolve("my-model"));
        Files.writeString(own.resolve("steps.csv"), org.inertia.nn.train.StepMetricsCsv.HEADER + "\n10,1,10,0.5,0.75,0.1,0.9\n");
        JsonNode listed = JSON.readTree(get("/api/runs").body());
        assertEquals("my-model", listed.get(0).get("name").asText());
        assertTrue(listed.get(0).get("config").isNull(), "no config.json: null");
        JsonNode steps = JSON.readTree(get("/api/runs/my-model/steps").body());
        assertEquals(0.75, steps.get("rows").get(0).get(4).asDouble());
        assertEquals(0, JSON.readTree(get("/api/runs/my-model/layers").body()).get("rows").size(), "not written: empty");
    }

    @Test
    void theRunsCompareMakesAreListedInsideTheirGroup() throws Exception {
        CliRunner.Result r = CliRunner.run("compare", "--model", "mlp", "--epochs", "1", "--train-limit", "320",
            "--test-limit", "50", "--optimizers", "sgd,momentum", "--log-every", "1", "--out", runs.resolve("cmp").toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> names = new java.util.ArrayList<>();
        JSON.readTree(get("/api/runs").body()).forEach(run -> names.add(run.get("name").asText()));
        assertEquals(List.of("cmp/momentum", "cmp/sgd"), names, "the group itself is not a run");
        assertEquals(5, JSON.readTree(get("/api/runs/cmp/sgd/steps").body()).get("rows").size(), "320 examples in batches of 64");
        assertEquals(JSON.readTree(get("/api/runs/cmp/sgd/steps").body()), JSON.readTree(get("/api/runs/cmp%2Fsgd/steps").body()));
        for (String bad : List.of("/api/runs/cmp/steps", "/api/runs/cmp/sgd/x/steps", "/api/runs/cmp/..%2F..%2Fsecret/steps",
                "/api/runs/cmp%2F..%2Fcmp%2Fsgd/steps", "/api/runs/%2Fcmp/sgd/steps")) {
            assertEquals(404, get(bad).statusCode(), bad);
        }
    }

    @Test
    void aRunningJobGrowsLive() throws Exception {
        Path run = runs.resolve("live");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), Main.class.getName(), "train", "--model", "mlp", "--epochs", "20",
            "--train-limit", "3000", "--test-limit", "100", "--log-every", "5", "--no-progress", "--out", run.toString())
            .redirectErrorStream(true).redirectOutput(tmp.resolve("live.log").toFile()).start();
        try {
            int first = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (first == 0 && System.nanoTime() < deadline) {
                HttpResponse<String> s = get("/api/runs/live/steps");
                first = s.statusCode() == 200 ? JSON.readTree(s.body()).get("rows").size() : 0;
                Thread.sleep(100);
            }
            assertTrue(first > 0, "the running job's steps appear");
            Thread.sleep(2000);
            int later = JSON.readTree(get("/api/runs/live/steps").body()).get("rows").size();
            assertTrue(later > first, "and grow while it trains: " + first + " then " + later);
            // A poller asks for the rows after the last it holds.
            JsonNode newer = JSON.readTree(get("/api/runs/live/steps?since=" + 5 * first).body());
            assertEquals(5.0 * (first + 1), newer.get("rows").get(0).get(0).asDouble(), "the next logged step first");
            for (JsonNode row : newer.get("rows")) {
                assertTrue(row.get(0).asDouble() > 5 * first);
            }
            assertTrue(newer.get("last").asDouble() >= newer.get("rows").get(newer.get("rows").size() - 1).get(0).asDouble());
            assertEquals(400, get("/api/runs/live/steps?since=yesterday").statusCode());
            JsonNode listed = JSON.readTree(get("/api/runs").body());
            assertTrue(listed.get(0).get("summary").isNull(), "no summary until it ends");
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void traceIsExactlyTheCommandsCsvAndBadFlagsGetItsMessage() throws Exception {
        HttpResponse<String> t = get("/api/trace?function=rosenbrock&start=-1,1.5&optimizer=momentum,nesterov&lr=0.001"
            + "&momentum=0.9&steps=50");
        assertEquals(200, t.statusCode(), t.body());
        CliRunner.Result command = CliRunner.run("trace", "--function", "rosenbrock", "--start", "-1,1.5", "--optimizer",
            "momentum,nesterov", "--lr", "0.001", "--momentum", "0.9", "--steps", "50");
        assertEquals(command.out(), t.body());

        HttpResponse<String> bad = get("/api/trace?function=nope&optimizer=momentum");
        assertEquals(400, bad.statusCode());
        CliRunner.Result refused = CliRunner.run("trace", "--function", "nope", "--optimizer", "momentum");
        assertEquals(refused.err().strip(), bad.body());
        assertEquals(400, get("/api/trace?function=rosenbrock&optimizer=sgd&steps=100000000").statusCode());
        assertEquals(400, get("/api/trace?function=rosenbrock&optimizer=sgd&plot=/tmp/x.png").statusCode());
        assertTrue(Files.notExists(Path.of("/tmp/x.png")) || Files.getLastModifiedTime(Path.of("/tmp/x.png")).toMillis()
            < System.currentTimeMillis() - 60_000, "the studio writes no files");
    }

    @Test
    void momentumTheoryPredictsWhatTheRealOptimizerMeasures() throws Exception {
        JsonNode best = JSON.readTree(get("/api/momentum").body());
        double kappa = best.get("condition").asDouble();
        assertEquals(50, kappa);
        double expected = (Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1);
        assertEquals(expected * expected, best.get("optimal_momentum").asDouble(), 1e-12);
        for (JsonNode d : best.get("directions")) {
            assertEquals(expected, d.get("predicted_rate").asDouble(), 1e-9, "at η*, β* every direction shrinks alike");
            assertEquals(d.get("predicted_rate").asDouble(), d.get("measured_rate").asDouble(), 0.03, d.toString());
        }
        // Plain gradient descent (β = 0) with a small step: the flat direction crawls at 1 − η.
        JsonNode slow = JSON.readTree(get("/api/momentum?lr=0.01&momentum=0&steps=300").body());
        JsonNode x = slow.get("directions").get(0);
        assertEquals(0.99, x.get("predicted_rate").asDouble(), 1e-12);
        assertEquals(0.99, x.get("measured_rate").asDouble(), 1e-6);
        // Another condition number: the theory and the real run move with it.
        JsonNode stiff = JSON.readTree(get("/api/momentum?condition=400&steps=400").body());
        assertEquals(400, stiff.get("condition").asDouble());
        assertEquals("0.5 x² + 200 y²", stiff.get("function").asText());
        assertEquals(Math.pow(19.0 / 21, 2), stiff.get("optimal_momentum").asDouble(), 1e-12, "((√400 − 1) / (√400 + 1))²");
        for (JsonNode d : stiff.get("directions")) {
            assertEquals(19.0 / 21, d.get("predicted_rate").asDouble(), 1e-7, "a double root, split a little by rounding");
            assertEquals(19.0 / 21, d.get("measured_rate").asDouble(), 0.03, d.toString());
        }
        assertEquals(400, get("/api/momentum?condition=0.5").statusCode());
        assertEquals(400, get("/api/momentum?steps=lots").statusCode());
        assertEquals(400, get("/api/momentum?lr=-1").statusCode());
    }

    @Test
    void nothingOutsideTheRunsDirectoryIsReachable() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("secret"));
        Files.writeString(outside.resolve("config.json"), "{\"model\":\"secret\"}");
        Files.writeString(outside.resolve("steps.csv"), "step\n1\n");
        Files.createSymbolicLink(runs.resolve("link"), outside);
        for (String path : List.of("/api/runs/..%2Fsecret/steps", "/api/runs/../secret/steps", "/api/runs/%2E%2E/steps",
                "/api/runs/" + outside.toString().replace("/", "%2F") + "/steps", "/api/runs/link/steps",
                "/api/runs/.hidden/steps", "/api/runs/nope/steps", "/etc/passwd", "/api/runs/link%00/steps")) {
            HttpResponse<String> r = get(path);
            assertEquals(404, r.statusCode(), path + " -> " + r.body());
            assertTrue(!r.body().contains("secret") || r.body().startsWith("no "), path + " leaked: " + r.body());
        }
        assertEquals("[]", get("/api/runs").body(), "a link pointing out is not listed");
    }
}
