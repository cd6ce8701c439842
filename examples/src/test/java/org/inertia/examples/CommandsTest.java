package org.inertia.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.inertia.nn.data.Mnist;
import org.inertia.nn.data.Split;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The inertia commands end to end, in-process, on small slices of the bundled MNIST. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    private Path run;

    /** One short training run shared by the tests that need trained weights. */
    @BeforeAll
    void trainOnce(@TempDir Path tmp) {
        dir = tmp;
        run = dir.resolve("runs/mlp");
        CliRunner.Result r = CliRunner.run("train", "--model", "mlp", "--epochs", "1", "--train-limit", "6000",
            "--test-limit", "1000", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("test accuracy:"), r.out());
    }

    @Test
    void trainWritesEveryPromisedFile() throws IOException {
        for (String f : List.of("metrics.csv", "summary.json", "config.json", "model.safetensors", "loss.png",
            "accuracy.png", "checkpoints/last.ckpt", "checkpoints/best.ckpt")) {
            assertTrue(Files.isRegularFile(run.resolve(f)) && Files.size(run.resolve(f)) > 0, f);
        }
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals("epoch,step,train_loss,train_accuracy,test_loss,test_accuracy,lr,momentum,gradient_norm,"
            + "velocity_norm,seconds,samples_per_second", metrics.get(0));
        assertEquals(2, metrics.size());
        String[] row = metrics.get(1).split(",");
        assertEquals("1", row[0]);
        for (int c = 2; c < row.length; c++) {
            assertFalse(row[c].isEmpty(), "column " + c + " of " + metrics.get(1));
        }
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        for (String key : List.of("model", "dataset", "optimizer", "epochs", "test_accuracy", "test_loss",
            "train_seconds", "samples_per_second")) {
            assertTrue(summary.has(key), key);
        }
        assertEquals("mlp", summary.get("model").asText());
        assertEquals("nesterov", summary.get("optimizer").asText());
        assertTrue(summary.get("test_accuracy").asDouble() > 0.85, summary.toString());
        assertTrue(ImageIO.read(run.resolve("loss.png").toFile()).getWidth() > 100);
    }

    @Test
    void anExistingRunIsNeverOverwrittenUnlessAsked() throws IOException {
        Path other = dir.resolve("runs/again");
        assertEquals(0, CliRunner.run("train", "--model", "mlp", "--epochs", "1", "--train-limit", "500",
            "--test-limit", "200", "--out", other.toString()).exitCode());
        byte[] metrics = Files.readAllBytes(other.resolve("metrics.csv"));
        CliRunner.Result refused = CliRunner.run("train", "--model", "mlp", "--epochs", "1", "--train-limit", "500",
            "--test-limit", "200", "--out", other.toString());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("already exists") && refused.err().contains("--resume")
            && refused.err().contains("--overwrite"), refused.err());
        assertArrayEquals(metrics, Files.readAllBytes(other.resolve("metrics.csv")), "nothing written");

        CliRunner.Result resumed = CliRunner.run("train", "--model", "mlp", "--epochs", "2", "--train-limit", "500",
            "--test-limit", "200", "--out", other.toString(), "--resume");
        assertEquals(0, resumed.exitCode(), resumed.err());
        List<String> rows = Files.readAllLines(other.resolve("metrics.csv"));
        assertEquals(3, rows.size(), "epoch 1 kept, epoch 2 added");
        assertTrue(rows.get(2).startsWith("2,"), rows.get(2));

        CliRunner.Result mismatch = CliRunner.run("train", "--model", "lenet5", "--epochs", "3", "--train-limit", "500",
            "--out", other.toString(), "--resume");
        assertEquals(2, mismatch.exitCode());
        assertTrue(mismatch.err().contains("model was mlp, now lenet5"), mismatch.err());

        assertEquals(0, CliRunner.run("train", "--model", "mlp", "--epochs", "1", "--train-limit", "300", "--test-limit",
            "100", "--out", other.toString(), "--overwrite").exitCode());
        assertEquals(2, Files.readAllLines(other.resolve("metrics.csv")).size(), "replaced");

        Path precious = dir.resolve("precious");
        Files.createDirectories(precious);
        Files.writeString(precious.resolve("notes.txt"), "keep me");
        CliRunner.Result notARun = CliRunner.run("train", "--model", "mlp", "--epochs", "1", "--out", precious.toString(),
            "--overwrite");
        assertEquals(2, notARun.exitCode());
        assertTrue(notARun.err().contains("does not look like an Inertia run"), notARun.err());
        assertEquals("keep me", Files.readString(precious.resolve("notes.txt")));
    }

    @Test
    void predictClassifiesAPngMadeFromAnMnistTestImage() throws IOException {
        Path png = dir.resolve("digit.png");
        writePng(png, Mnist.bundled(Split.TEST).image(0));          // the first test image, a 7
        assertEquals(7, Mnist.bundled(Split.TEST).label(0));
        CliRunner.Result r = CliRunner.run("predict", "--weights", run.resolve("model.safetensors").toString(),
            "--image", png.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("predicted: 7 "), r.out());
        assertEquals(11, r.out().strip().split("\\R").length, "the prediction and ten probabilities");
    }

    @Test
    void predictRefusesImagesItCannotUse() throws IOException {
        String weights = run.resolve("model.safetensors").toString();
        Path wrongSize = dir.resolve("big.png");
        ImageIO.write(new BufferedImage(30, 30, BufferedImage.TYPE_BYTE_GRAY), "png", wrongSize.toFile());
        Path notPng = dir.resolve("text.png");
        Files.writeString(notPng, "not an image");
        for (Object[] c : new Object[][] {{wrongSize, "30x30"}, {notPng, "not a PNG"}, {dir.resolve("none.png"), "no such file"}}) {
            CliRunner.Result r = CliRunner.run("predict", "--weights", weights, "--image", c[0].toString());
            assertNotEquals(0, r.exitCode());
            assertTrue(r.err().contains((String) c[1]), r.err());
        }
        CliRunner.Result wrongModel = CliRunner.run("predict", "--weights", weights, "--model", "lenet5", "--image",
            wrongSize.toString());
        assertTrue(wrongModel.err().contains("does not hold lenet5 weights"), wrongModel.err());
    }

    @Test
    void evaluateReportsAccuracyAndTheConfusionMatrix() {
        CliRunner.Result r = CliRunner.run("evaluate", "--weights", run.resolve("model.safetensors").toString(),
            "--test-limit", "500");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("mlp on MNIST test (500 examples): accuracy"), r.out());
        assertTrue(r.out().contains("actual \\ predicted"), r.out());
    }

    @Test
    void compareWritesATableAndOneOverlayChart() throws IOException {
        Path out = dir.resolve("cmp");
        CliRunner.Result r = CliRunner.run("compare", "--model", "mlp", "--optimizers", "sgd,adam", "--epochs", "2",
            "--train-limit", "600", "--test-limit", "200", "--target-accuracy", "0.5", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("| sgd |") && r.out().contains("| adam |"), r.out());
        List<String> csv = Files.readAllLines(out.resolve("compare.csv"));
        assertEquals("optimizer,final_test_accuracy,best_test_accuracy,final_test_loss,train_seconds,epochs_to_target",
            csv.get(0));
        assertEquals(3, csv.size());
        assertTrue(Files.readString(out.resolve("compare.md")).contains("epochs to 50.0%"));
        BufferedImage chart = ImageIO.read(out.resolve("compare.png").toFile());
        assertTrue(chart.getWidth() > 100 && chart.getHeight() > 100);
        assertTrue(Files.isRegularFile(out.resolve("sgd/metrics.csv")) && Files.isRegularFile(out.resolve("adam/metrics.csv")));
        // same initial weights: the first epoch's per-optimizer runs start from one model
        assertEquals(Files.readAllLines(out.resolve("sgd/config.json")).stream().filter(l -> l.contains("seed")).toList(),
            Files.readAllLines(out.resolve("adam/config.json")).stream().filter(l -> l.contains("seed")).toList());
    }

    @Test
    void benchPrintsOneJsonLine() throws IOException {
        CliRunner.Result r = CliRunner.run("bench", "--workload", "mlp", "--steps", "3", "--warmup", "1");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode line = JSON.readTree(r.out().strip());
        assertEquals("mlp", line.get("workload").asText());
        assertTrue(line.get("samples_per_second").asDouble() > 0 && line.get("step_ms_median").asDouble() > 0);
    }

    @Test
    void benchTrainTimesTheTrainCommandsWholeJobAndLeavesNoRunBehind() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before;
        try (var s = Files.list(tmp)) {
            before = s.filter(p -> p.getFileName().toString().startsWith("inertia-bench-train")).count();
        }
        CliRunner.Result r = CliRunner.run("bench", "--workload", "train", "--model", "mlp");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode line = JSON.readTree(r.out().strip());
        assertEquals("train", line.get("workload").asText());
        assertEquals("mlp", line.get("model").asText());
        assertEquals(60000, line.get("train_samples").asLong());
        double epochSeconds = line.get("epoch_seconds").get(0).asDouble();
        assertTrue(line.get("seconds").asDouble() > epochSeconds, "the whole job includes more than the steps: " + line);
        assertEquals(60000 / line.get("seconds").asDouble(), line.get("samples_per_second").asDouble(), 1e-6);
        assertTrue(line.get("test_accuracy").asDouble() > 0.9, line.toString());
        try (var s = Files.list(tmp)) {
            assertEquals(before, s.filter(p -> p.getFileName().toString().startsWith("inertia-bench-train")).count());
        }
    }

    @Test
    void infoDescribesTheBackend() {
        CliRunner.Result r = CliRunner.run("info");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("ND4J") && r.out().contains("native build") && r.out().contains("BLAS"), r.out());
        assertTrue(r.out().contains("training threads"), r.out());
        assertTrue(r.out().contains("ops                    fast kernels where they exist"), r.out());
        org.inertia.core.FastPaths.run(false, () -> {
            CliRunner.Result reference = CliRunner.run("info");
            assertTrue(reference.out().contains("ops                    readable forms only (-Dinertia.reference=true)"),
                reference.out());
            assertTrue(reference.out().contains("training threads       1 (reference mode: no data-parallel slicing)"),
                reference.out());
        });
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
            Arguments.of(new String[] {"train", "--model", "resnet"}, "mlp, lenet5, convnet, cifar-cnn"),
            Arguments.of(new String[] {"train", "--dataset", "imagenet"}, "mnist, fashion-mnist, cifar10"),
            Arguments.of(new String[] {"train", "--model", "cifar-cnn"}, "takes 3x32x32 images but mnist has 1x28x28"),
            Arguments.of(new String[] {"train", "--epochs", "0"}, "--epochs must be in [1, 10000]"),
            Arguments.of(new String[] {"train", "--batch-size", "-3"}, "--batch-size"),
            Arguments.of(new String[] {"train", "--optimizer", "adam", "--momentum", "0.9"}, "--momentum does not apply to adam"),
            Arguments.of(new String[] {"train", "--optimizer", "nesterov", "--lr", "-0.1"}, "Invalid learning rate"),
            Arguments.of(new String[] {"train", "--lr-schedule", "sawtooth"}, "none, step, cosine, onecycle, warmup-cosine"),
            Arguments.of(new String[] {"train", "--resume"}, "--resume needs --out"),
            Arguments.of(new String[] {"train", "--dataset", "cifar10", "--model", "cifar-cnn", "--data-dir",
                "/nonexistent/dir"}, "no CIFAR-10 in"),
            Arguments.of(new String[] {"compare", "--optimizers", "sgd,sgd"}, "lists sgd twice"),
            Arguments.of(new String[] {"compare", "--target-accuracy", "2"}, "--target-accuracy"),
            Arguments.of(new String[] {"bench", "--workload", "resnet"}, "mlp, lenet5, convnet, train"),
            Arguments.of(new String[] {"bench", "--workload", "train", "--steps", "5"}, "give --epochs, not --steps"),
            Arguments.of(new String[] {"bench", "--workload", "train", "--epochs", "0"}, "--epochs must be in [1, 1000]"),
            Arguments.of(new String[] {"bench", "--workload", "train", "--model", "resnet"}, "Invalid value for --model"),
            Arguments.of(new String[] {"bench", "--workload", "mlp", "--epochs", "2"}, "apply to --workload train only"),
            Arguments.of(new String[] {"bench", "--workload", "mlp", "--steps", "0"}, "--steps"),
            Arguments.of(new String[] {"evaluate", "--weights", "/nonexistent.safetensors"}, "no such file"),
            Arguments.of(new String[] {"studio", "--port", "70000"}, "--port must be in [0, 65535]"),
            Arguments.of(new String[] {"download", "imagenet"}, "mnist, fashion-mnist, cifar10"),
            Arguments.of(new String[] {"frobnicate"}, "Unmatched argument"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputExitsNonZeroSayingWhatIsAllowed(String[] args, String expected) {
        CliRunner.Result r = CliRunner.run(args);
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains(expected), "stderr lacks '" + expected + "': " + r.err());
    }

    @Test
    void everyCommandHasHelpWithDefaults() {
        for (String command : List.of("train", "compare", "trace", "bench", "evaluate", "predict", "info", "download")) {
            CliRunner.Result r = CliRunner.run(command, "--help");
            assertEquals(0, r.exitCode(), command);
            assertTrue(r.out().startsWith("Usage: inertia " + command), r.out());
        }
        assertTrue(CliRunner.run("train", "--help").out().contains("(default: lenet5)"));
        assertTrue(CliRunner.run("--help").out().contains("Without a command"));
    }

    static void writePng(Path file, byte[] grey28) throws IOException {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                img.getRaster().setSample(x, y, 0, grey28[y * 28 + x] & 0xff);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
