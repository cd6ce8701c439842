package org.inertia.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.inertia.core.ops.Reduction;
import org.inertia.core.ops.Window2d;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.data.ImageDataset;
import org.inertia.nn.layers.AvgPool2d;
import org.inertia.nn.layers.BatchNorm;
import org.inertia.nn.layers.BatchNorm1d;
import org.inertia.nn.layers.BatchNorm2d;
import org.inertia.nn.layers.Conv2d;
import org.inertia.nn.layers.Dropout;
import org.inertia.nn.layers.LeakyReLU;
import org.inertia.nn.layers.Linear;
import org.inertia.nn.layers.MaxPool2d;
import org.inertia.nn.loss.CrossEntropyLoss;
import org.inertia.nn.train.DiagnosticsLogger;
import org.inertia.nn.train.EarlyStopping;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public constructor of the nn module refuses out-of-range values at construction, with an
 * IllegalArgumentException whose message names the parameter (the words listed) — never later, as a
 * shape error deep in a forward pass. (Optimizers: optim's OptimizerTable; the command line:
 * examples' BadArgumentsTest.)
 */
class ConstructorArgumentsTest {
    private static ImageDataset tiny() {
        return new ImageDataset("tiny", new byte[4 * 4], new byte[4], 1, 2, 2, List.of("a", "b"));
    }

    private static Arguments bad(String what, Executable construct, String... words) {
        return Arguments.of(what, construct, words);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
            bad("Linear in 0", () -> new Linear(0, 5), "in"),
            bad("Linear out -1", () -> new Linear(5, -1), "out"),
            bad("Conv2d in 0", () -> new Conv2d(0, 4, 3), "in"),
            bad("Conv2d out 0", () -> new Conv2d(1, 0, 3), "out"),
            bad("Conv2d kernel 0", () -> new Conv2d(1, 4, 0), "kernel"),
            bad("Conv2d padding -1", () -> new Conv2d(1, 4, 3, -1), "padding"),
            bad("Window2d stride 0", () -> Window2d.square(3, 0, 0, 1), "stride"),
            bad("Window2d dilation 0", () -> Window2d.square(3, 1, 0, 0), "dilation"),
            bad("MaxPool2d kernel 0", () -> new MaxPool2d(0), "kernel"),
            bad("AvgPool2d kernel -2", () -> new AvgPool2d(-2), "kernel"),
            bad("Dropout p -0.1", () -> new Dropout(-0.1), "p"),
            bad("Dropout p 1.5", () -> new Dropout(1.5), "p"),
            bad("Dropout p NaN", () -> new Dropout(Double.NaN), "p"),
            bad("LeakyReLU slope NaN", () -> new LeakyReLU(Double.NaN), "slope"),
            bad("BatchNorm1d channels 0", () -> new BatchNorm1d(0), "channels"),
            bad("BatchNorm2d channels -3", () -> new BatchNorm2d(-3), "channels"),
            bad("BatchNorm eps 0", () -> new BatchNorm2d(BatchNorm.options(4).eps(0)), "eps"),
            bad("BatchNorm eps NaN", () -> new BatchNorm2d(BatchNorm.options(4).eps(Double.NaN)), "eps"),
            bad("BatchNorm momentum 1.5", () -> new BatchNorm1d(BatchNorm.options(4).momentum(1.5)), "momentum"),
            bad("BatchNorm momentum -0.1", () -> new BatchNorm1d(BatchNorm.options(4).momentum(-0.1)), "momentum"),
            bad("CrossEntropyLoss smoothing -0.1", () -> new CrossEntropyLoss(Reduction.MEAN, -0.1), "smoothing"),
            bad("CrossEntropyLoss smoothing 1.5", () -> new CrossEntropyLoss(Reduction.MEAN, 1.5), "smoothing"),
            bad("CrossEntropyLoss smoothing NaN", () -> new CrossEntropyLoss(Reduction.MEAN, Double.NaN), "smoothing"),
            bad("DataLoader batch 0", () -> new DataLoader(tiny(), 0, false, 0), "batch"),
            bad("DataLoader prefetch -1", () -> new DataLoader(tiny(), 2, false, 0, false, -1), "prefetch"),
            bad("DataLoader null dataset", () -> new DataLoader(null, 2, false, 0), "dataset"),
            bad("EarlyStopping patience 0", () -> new EarlyStopping(0, 0), "patience"),
            bad("EarlyStopping minDelta -1", () -> new EarlyStopping(2, -1), "delta"),
            bad("EarlyStopping minDelta NaN", () -> new EarlyStopping(2, Double.NaN), "delta"),
            bad("DiagnosticsLogger every 0", () -> new DiagnosticsLogger(0), "every"),
            bad("LayerMetricsCsv every 0", () -> new org.inertia.nn.train.LayerMetricsCsv(Path.of("x.csv"), 0), "every"),
            bad("StepMetricsCsv every -1", () -> new org.inertia.nn.train.StepMetricsCsv(Path.of("x.csv"), -1), "every"),
            bad("ImageDataset labels and images disagree",
                () -> new ImageDataset("x", new byte[4 * 4], new byte[3], 1, 2, 2, List.of("a", "b")), "label"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outOfRangeArgumentsAreRefusedNamingTheParameter(String what, Executable construct, String[] words) {
        Exception e = assertThrows(Exception.class, construct, what + " was accepted");
        assertTrue(e instanceof IllegalArgumentException || e instanceof NullPointerException,
            what + ": expected IllegalArgumentException, got " + e);
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        for (String w : words) {
            assertTrue(message.contains(w.toLowerCase(java.util.Locale.ROOT)), what + ": the message must name '" + w
                + "': " + e.getMessage());
        }
    }
}
