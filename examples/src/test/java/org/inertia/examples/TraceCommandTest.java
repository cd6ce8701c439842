package org.inertia.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.inertia.core.DType;
import org.inertia.examples.charts.Palette;
import org.inertia.optim.Momentum;
import org.inertia.optim.schedule.Scheduler;
import org.inertia.optim.schedule.Schedules;
import org.inertia.optim.trace.Quadratic;
import org.inertia.optim.trace.TestFunction;
import org.inertia.optim.trace.Trace;
import org.inertia.optim.trace.TracePoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TraceCommandTest {
    @TempDir
    Path dir;

    @Test
    void severalOptimizersGetAnOptimizerColumnAndOnePlot() throws Exception {
        Path png = dir.resolve("overlay.png");
        CliRunner.Result r = CliRunner.run("trace", "--function", "rosenbrock", "--optimizer", "momentum,nesterov,adam",
            "--lr", "0.001", "--steps", "20", "--plot", png.toString());
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\\R");
        assertEquals("optimizer,step,x,y,loss", lines[0]);
        assertEquals(1 + 3 * 21, lines.length);
        assertTrue(lines[1].startsWith("momentum,0,-1.5,2.0,"), lines[1]);
        assertTrue(lines[22].startsWith("nesterov,0,"), lines[22]);
        assertTrue(lines[43].startsWith("adam,0,"), lines[43]);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertTrue(distinctColours(image) > 20, "a drawn chart, not a blank image");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void defaultsGiveTheUsualStartPointAndFloat32Works() {
        CliRunner.Result r = CliRunner.run("trace", "--function", "himmelblau", "--optimizer", "adam", "--lr", "0.1",
            "--steps", "3", "--dtype", "float32");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\\R");
        assertEquals("step,x,y,loss", lines[0]);
        assertTrue(lines[1].startsWith("0,0.0,0.0,170.0"), lines[1]);
        assertNotEquals(lines[1], lines[4]);
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
            Arguments.of(new String[] {"--function", "sphere", "--optimizer", "sgd"}, "rosenbrock, quadratic, beale, himmelblau"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "lbfgs"}, "sgd, momentum, nesterov, rmsprop, adam, adamw"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "adam", "--lr", "-1"}, "Invalid learning rate: -1.0"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "adam", "--beta1", "1.5"}, "Invalid beta parameter at index 0"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "nesterov", "--momentum", "0"}, "Nesterov momentum requires"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "momentum", "--bias-correction"}, "form=EMA"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "momentum", "--form", "sideways"}, "pytorch, ema, heavy-ball"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "nesterov", "--form", "ema"}, "pytorch, lookahead"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "sgd", "--alpha", "0.9"}, "--alpha does not apply to sgd"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "rmsprop", "--eps", "0"}, "Invalid epsilon value"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "sgd", "--start", "1"}, "two numbers X,Y"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "sgd", "--steps", "-4"}, "--steps"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "sgd", "--dtype", "int8"}, "float64, float32"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "sgd", "--plot", "out.jpg"}, ".png"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "sgd", "--lr", "fast"}, "--lr"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "sgd", "--colour", "red"}, "Unknown option"),
            Arguments.of(new String[] {"--optimizer", "sgd"}, "--function"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "sgd", "--condition", "10"},
                "--condition: a condition number applies to the quadratic only, not to beale"),
            Arguments.of(new String[] {"--function", "quadratic", "--optimizer", "sgd", "--condition", "0.5"},
                "--condition: the quadratic's condition number must be in [1, 1000000], got 0.5"),
            Arguments.of(new String[] {"--function", "quadratic", "--optimizer", "sgd", "--condition", "NaN"},
                "must be in [1, 1000000], got NaN"),
            Arguments.of(new String[] {"--function", "quadratic", "--optimizer", "sgd", "--condition", "1e7"},
                "must be in [1, 1000000]"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "sgd,momentum", "--momentum-schedule", "ramp"},
                "--momentum-schedule ramp: sgd has no momentum"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "momentum,adam", "--restart-every", "5"},
                "--restart-every 5: adam has no velocity to restart"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "sgd", "--lr-schedule", "sawtooth"},
                "none, step, cosine, onecycle, warmup-cosine"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "sgd", "--lr-step-every", "0"}, "--lr-step-every"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "sgd", "--loss-plot", "loss.svg"}, ".png"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "sgd", "--sweep", "momentum=0.5"},
                "--sweep momentum: sgd has no --momentum"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "sgd", "--sweep", "colour=1,2"},
                "'colour' is not a numeric optimizer flag"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "momentum", "--sweep", "momentum=0.5,1.5"},
                "--sweep momentum=1.5"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "momentum", "--sweep", "momentum=0.5,x"},
                "'x' is not a number"),
            Arguments.of(new String[] {"--function", "beale", "--optimizer", "momentum", "--sweep", "momentum"},
                "FLAG=V,V"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputExitsNonZeroSayingWhatIsAllowed(String[] args, String expected) {
        String[] full = Stream.concat(Stream.of("trace"), Stream.of(args)).toArray(String[]::new);
        CliRunner.Result r = CliRunner.run(full);
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains(expected), "stderr lacks '" + expected + "': " + r.err());
        assertFalse(r.out().contains("step,x,y"), "nothing printed on failure");
    }

    @Test
    void schedulesAndRestartMoveTheTraceExactlyAsTheLibrarysScheduler() {
        CliRunner.Result r = CliRunner.run("trace", "--function", "quadratic", "--optimizer", "momentum", "--lr", "0.02",
            "--momentum", "0.5", "--steps", "30", "--lr-schedule", "cosine", "--momentum-schedule", "ramp",
            "--momentum-max", "0.95", "--restart-every", "7");
        assertEquals(0, r.exitCode(), r.err());
        List<TracePoint> expected = Trace.run(TestFunction.QUADRATIC, TestFunction.QUADRATIC.start(), DType.FLOAT64, 30,
            params -> new Momentum(params, Momentum.options().lr(0.02).momentum(0.5)),
            optimizer -> Scheduler.of(optimizer).lr(Schedules.cosine(30, 0)).momentum(Schedules.momentumRamp(30, 0.95))
                .restartMomentumEvery(7));
        String[] lines = r.out().strip().split("\\R");
        for (int i = 0; i <= 30; i++) {
            TracePoint p = expected.get(i);
            assertEquals(p.step() + "," + p.x() + "," + p.y() + "," + p.loss(), lines[i + 1]);
        }
        CliRunner.Result plain = CliRunner.run("trace", "--function", "quadratic", "--optimizer", "momentum", "--lr",
            "0.02", "--momentum", "0.5", "--steps", "30");
        assertNotEquals(plain.out(), r.out(), "the schedules must change the trajectory");
        List<TracePoint> constant = Trace.run(TestFunction.QUADRATIC, TestFunction.QUADRATIC.start(), DType.FLOAT64, 30,
            params -> new Momentum(params, Momentum.options().lr(0.02).momentum(0.5)));
        TracePoint last = constant.get(30);
        assertTrue(plain.out().strip().endsWith("30," + last.x() + "," + last.y() + "," + last.loss()),
            "trace's learning rate is constant unless a schedule is asked for");
    }

    @Test
    void conditionChoosesTheQuadraticsCurvatureAndItsDefaultIsTheNamedQuadratic() {
        String[] flags = {"trace", "--function", "quadratic", "--optimizer", "momentum", "--lr", "0.01", "--steps", "25"};
        CliRunner.Result named = CliRunner.run(flags);
        CliRunner.Result fifty = CliRunner.run(Stream.concat(Stream.of(flags), Stream.of("--condition", "50"))
            .toArray(String[]::new));
        assertEquals(0, fifty.exitCode(), fifty.err());
        assertEquals(named.out(), fifty.out(), "κ = 50 is the named quadratic, bit for bit");
        CliRunner.Result ten = CliRunner.run(Stream.concat(Stream.of(flags), Stream.of("--condition", "10"))
            .toArray(String[]::new));
        assertEquals(0, ten.exitCode(), ten.err());
        List<TracePoint> expected = Trace.run(new Quadratic(10), new double[] {4, -2}, DType.FLOAT64, 25,
            params -> new Momentum(params, Momentum.options().lr(0.01)));
        String[] lines = ten.out().strip().split("\\R");
        for (int i = 0; i <= 25; i++) {
            TracePoint p = expected.get(i);
            assertEquals(p.step() + "," + p.x() + "," + p.y() + "," + p.loss(), lines[i + 1]);
        }
        assertEquals(0.5 * 16 + 0.5 * 10 * 4, expected.get(0).loss(), 1e-12, "f = 0.5 x² + 0.5 κ y² at the start");
    }

    @Test
    void eachOptimizerKeepsItsColourWhateverItsPlaceAndPathsEndInAMarker() throws Exception {
        Path alone = dir.resolve("adam.png");
        Path both = dir.resolve("both.png");
        assertEquals(0, CliRunner.run("trace", "--function", "quadratic", "--optimizer", "adam", "--lr", "0.1",
            "--steps", "40", "--plot", alone.toString()).exitCode());
        assertEquals(0, CliRunner.run("trace", "--function", "quadratic", "--optimizer", "momentum,adam", "--lr", "0.02",
            "--steps", "40", "--plot", both.toString()).exitCode());
        int adam = Palette.optimizer("adam").getRGB();
        int momentum = Palette.optimizer("momentum").getRGB();
        BufferedImage a = ImageIO.read(alone.toFile());
        BufferedImage b = ImageIO.read(both.toFile());
        assertTrue(count(a, adam) > 50, "adam drawn in adam's colour when it is the only series");
        assertEquals(0, count(a, momentum), "no momentum colour without momentum");
        assertTrue(count(b, adam) > 50, "adam keeps its colour as the second series");
        assertTrue(count(b, momentum) > 50);
        assertEquals(Palette.optimizer("nesterov"), Palette.color("nesterov", 5));
    }

    @Test
    void sweepRunsOncePerValueLabelledAndInShadesOfTheOptimizersColour() throws Exception {
        Path png = dir.resolve("sweep.png");
        CliRunner.Result r = CliRunner.run("trace", "--function", "quadratic", "--optimizer", "momentum", "--lr", "0.02",
            "--sweep", "momentum=0.5,0.9", "--steps", "10", "--loss-plot", png.toString());
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\\R");
        assertEquals("optimizer,step,x,y,loss", lines[0]);
        assertEquals(1 + 2 * 11, lines.length);
        List<TracePoint> half = Trace.run(TestFunction.QUADRATIC, TestFunction.QUADRATIC.start(), DType.FLOAT64, 10,
            params -> new Momentum(params, Momentum.options().lr(0.02).momentum(0.5)));
        assertEquals("momentum β=0.5,10," + half.get(10).x() + "," + half.get(10).y() + "," + half.get(10).loss(),
            lines[11]);
        assertTrue(lines[12].startsWith("momentum β=0.9,0,"), lines[12]);
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(count(image, Palette.shade("momentum", 0, 2).getRGB()) > 0, "the light shade is drawn");
        assertTrue(count(image, Palette.shade("momentum", 1, 2).getRGB()) > 0, "the dark shade is drawn");
    }

    @Test
    void lossPlotDrawsTheLossAgainstTheStep() throws Exception {
        Path png = dir.resolve("loss.png");
        CliRunner.Result r = CliRunner.run("trace", "--function", "rosenbrock", "--optimizer", "sgd,nesterov", "--lr",
            "0.0008", "--steps", "200", "--loss-plot", png.toString());
        assertEquals(0, r.exitCode(), r.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertTrue(distinctColours(image) > 5, "a drawn chart, not a blank image");
    }

    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += image.getRGB(x, y) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void helpListsTheFlags() {
        CliRunner.Result r = CliRunner.run("trace", "--help");
        assertEquals(0, r.exitCode());
        for (String flag : new String[] {"--function", "--optimizer", "--lr", "--momentum", "--form", "--adaptive",
            "--amsgrad", "--plot", "--loss-plot", "--lr-schedule", "--momentum-schedule", "--restart-every"}) {
            assertTrue(r.out().contains(flag), flag);
        }
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
