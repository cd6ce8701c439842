package org.inertia.learn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.inertia.core.DType;
import org.inertia.core.GradCheck;
import org.inertia.core.NoGrad;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Losses;
import org.inertia.core.ops.Pooling;
import org.inertia.core.ops.Window2d;
import org.inertia.learn.lesson7.ConvolutionOp;
import org.inertia.nn.Init;
import org.inertia.nn.Module;
import org.inertia.nn.Parameter;
import org.inertia.nn.data.Batch;
import org.inertia.nn.data.DataLoader;
import org.inertia.nn.data.ImageDataset;
import org.inertia.nn.data.Mnist;
import org.inertia.nn.data.Split;
import org.inertia.nn.layers.Linear;
import org.inertia.optim.Nesterov;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Lesson 7, a CNN end to end: docs/learn/7-a-cnn-end-to-end.md. */
@Tag("lesson7")
class Lesson7Test {
    private static final ConvolutionOp CONV = Course.convolution();

    @Test
    void valuesAndGradientsMatchPyTorch() {
        for (JsonNode c : PyTorchCases.cases("conv_pool", c -> c.get("op").asText().equals("conv2d")
                && stride1(c.get("params")))) {
            int padding = c.get("params").get("padding").get(0).asInt();
            PyTorchCases.check(c, in -> CONV.conv2d(in[0], in[1], in.length > 2 ? in[2] : null, padding));
        }
    }

    @Test
    void theBackwardAgreesWithFiniteDifferences() {
        Tensor x = Tensor.randn(DType.FLOAT64, 2, 3, 5, 4);
        Tensor w = Tensor.randn(DType.FLOAT64, 4, 3, 3, 2);
        Tensor b = Tensor.randn(DType.FLOAT64, 4);
        GradCheck.check("conv2d pad 1", in -> CONV.conv2d(in[0], in[1], in[2], 1), x, w, b).assertWithin(1e-6);
        GradCheck.check("conv2d, no bias", in -> CONV.conv2d(in[0], in[1], null, 0), x, w).assertWithin(1e-6);
    }

    @Test
    void aCnnBuiltOnYourConvolutionLearnsToReadDigits() {
        Init.manualSeed(7);
        SmallCnn model = new SmallCnn();
        Nesterov optimizer = new Nesterov(model.parameters(), Nesterov.options().lr(0.05).momentum(0.9));
        ImageDataset train = Mnist.bundled(Split.TRAIN).slice(0, 3000);
        for (int epoch = 0; epoch < 2; epoch++) {
            for (Batch b : new DataLoader(train, 32, true, epoch)) {
                optimizer.zeroGrad();
                Losses.crossEntropy(model.call(b.inputs()), b.labels()).backward();
                optimizer.step();
            }
        }
        model.eval();
        long right = 0;
        try (NoGrad g = NoGrad.enter()) {
            for (Batch b : new DataLoader(Mnist.bundled(Split.TEST).slice(0, 1000), 250, false, 0)) {
                right += (long) model.call(b.inputs()).argmax(1).eq(b.labels()).sum().item();
            }
        }
        assertTrue(right >= 900, right + " of 1000 test digits right");
    }

    private static boolean stride1(JsonNode p) {
        return p.get("stride").get(0).asInt() == 1 && p.get("stride").get(1).asInt() == 1
                && p.get("dilation").get(0).asInt() == 1 && p.get("dilation").get(1).asInt() == 1
                && p.get("padding").get(0).asInt() == p.get("padding").get(1).asInt();
    }

    /** conv 1→8 5x5 pad 2, ReLU, max pool 2, conv 8→16 5x5, ReLU, max pool 2, 400 → 10: your convolutions inside. */
    static final class SmallCnn extends Module {
        final Parameter conv1 = Parameter.zeros(DType.FLOAT32, 8, 1, 5, 5);
        final Parameter bias1 = Parameter.zeros(DType.FLOAT32, 8);
        final Parameter conv2 = Parameter.zeros(DType.FLOAT32, 16, 8, 5, 5);
        final Parameter bias2 = Parameter.zeros(DType.FLOAT32, 16);
        final Linear out = new Linear(400, 10);

        SmallCnn() {
            Init.pytorchDefault(conv1, bias1, Init.generator());
            Init.pytorchDefault(conv2, bias2, Init.generator());
        }

        @Override
        public Tensor forward(Tensor x) {
            Window2d pool = Window2d.square(2, 2, 0, 1);
            Tensor h = Pooling.maxPool2d(CONV.conv2d(x, conv1, bias1, 2).relu(), pool);
            h = Pooling.maxPool2d(CONV.conv2d(h, conv2, bias2, 0).relu(), pool);
            return out.call(h.flatten(1));
        }
    }
}
