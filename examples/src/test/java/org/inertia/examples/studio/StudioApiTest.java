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
            "--test-limit", "100", "--log-every", "2", "--out", run.toString());
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
