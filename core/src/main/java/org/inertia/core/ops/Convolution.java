package org.inertia.core.ops;

import org.inertia.core.FastPaths;
import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.inertia.core.kernels.ConvolutionKernels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * 2-D convolution (cross-correlation, as every framework computes it) over NCHW batches.
 * {@link #conv2dReference} is the readable form (taps gathered into columns, one GEMM); the fast form,
 * {@link ConvolutionKernels}, computes the same in one native call each way. Dilated windows take the
 * readable form: libnd4j's oneDNN kernel refuses every dilated float32 convolution.
 *
 * <p>Weights use PyTorch's layout {@code [out channels, in channels, kH, kW]}, so weights move
 * between the two frameworks unchanged.
 */
public final class Convolution {
    private Convolution() {
    }

    /**
     * out[n, o] = bias[o] + Σ_c Σ_(i,j) weight[o, c, i, j] · in[n, c, s·y + d·i − p, s·x + d·j − p].
     *
     * @param input  {@code [N, C, H, W]}
     * @param weight {@code [O, C, kH, kW]}
     * @param bias   {@code [O]} or {@code null}
     * @param window stride, padding and dilation (its kernel size must match the weight's)
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, Window2d window) {
        check(input, weight, bias, window);
        if (!FastPaths.enabled() || window.dilationH() > 1 || window.dilationW() > 1) {
            return conv2dReference(input, weight, bias, window);
        }
        return ConvolutionKernels.conv2d(input, weight, bias, window);
    }

    /**
     * The readable convolution: gather what each kernel tap sees into columns (im2col), multiply by
     * the weights as one matrix, and run the same steps backwards for the gradients.
     *
     * <pre>
     *   cols[(c, i, j), (n, y, x)] = tap(i, j)[n, c, y, x]                 [C·kH·kW, N·oH·oW]
     *   out  = W · cols + b                 W as [O, C·kH·kW]                [O, N·oH·oW] → [N, O, oH, oW]
     *   dW   = g · colsᵀ,   db = Σ g,   dcols = Wᵀ · g,  added back tap by tap into the padded input
     * </pre>
     */
    static Tensor conv2dReference(Tensor input, Tensor weight, Tensor bias, Window2d window) {
        INDArray x = input.data();
        INDArray w = weight.data();
        long n = x.size(0);
        long c = x.size(1);
        long o = w.size(0);
        long outH = window.outputHeight(x.size(2));
        long outW = window.outputWidth(x.size(3));
        long taps = c * window.kernelH() * window.kernelW();
        INDArray padded = WindowViews.pad(x, window, 0);
        INDArray cols = Nd4j.create(x.dataType(), c, window.kernelH(), window.kernelW(), n, outH, outW);
        for (int i = 0; i < window.kernelH(); i++) {
            for (int j = 0; j < window.kernelW(); j++) {
                tapOf(cols, i, j).assign(WindowViews.tap(padded, window, i, j, outH, outW).permute(1, 0, 2, 3));
            }
        }
        INDArray colsMatrix = cols.reshape('c', taps, n * outH * outW);
        INDArray weightMatrix = w.dup('c').reshape('c', o, taps);
        INDArray outMatrix = weightMatrix.mmul(colsMatrix);                                   // [O, N·oH·oW]
        if (bias != null) {
            outMatrix.addiColumnVector(bias.data().reshape(o, 1));
        }
        INDArray out = outMatrix.reshape('c', o, n, outH, outW).permute(1, 0, 2, 3).dup('c');

        Tensor[] inputs = bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias};
        return Tensor.fromOp("conv2d", out, (g, needs) -> {
            INDArray gradMatrix = g.permute(1, 0, 2, 3).dup('c').reshape('c', o, n * outH * outW);
            INDArray[] grads = new INDArray[inputs.length];
            if (needs[0]) {
                INDArray gradCols = weightMatrix.transpose().mmul(gradMatrix)                 // dcols = Wᵀ · g
                        .reshape('c', c, window.kernelH(), window.kernelW(), n, outH, outW);
                INDArray gradPadded = Nd4j.zeros(x.dataType(), padded.shape());
                for (int i = 0; i < window.kernelH(); i++) {
                    for (int j = 0; j < window.kernelW(); j++) {
                        WindowViews.tap(gradPadded, window, i, j, outH, outW)
                                .addi(tapOf(gradCols, i, j).permute(1, 0, 2, 3));
                    }
                }
                grads[0] = WindowViews.interior(gradPadded, window).dup('c');
            }
            if (needs[1]) {
                grads[1] = gradMatrix.mmul(colsMatrix.transpose()).reshape('c', w.shape());  // dW = g · colsᵀ
            }
            if (bias != null && needs[2]) {
                grads[2] = gradMatrix.sum(1);                                                 // db = Σ g
            }
            return grads;
        }, inputs);
    }

    /** cols[:, i, j] of a [C, kH, kW, N, oH, oW] array: the columns of kernel tap (i, j), [C, N, oH, oW]. */
    private static INDArray tapOf(INDArray cols, int i, int j) {
        return cols.get(NDArrayIndex.all(), NDArrayIndex.point(i), NDArrayIndex.point(j), NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.all());
    }

    private static void check(Tensor input, Tensor weight, Tensor bias, Window2d window) {
        Shapes.requireRank("conv2d", "input", input, 4, "[batch, channels, height, width]");
        Shapes.requireRank("conv2d", "weight", weight, 4, "[out channels, in channels, kernel height, kernel width]");
        Shapes.requireSameFloatType("conv2d", input, weight);
        long[] xs = input.shape();
        long[] ws = weight.shape();
        if (xs[1] != ws[1]) {
            throw new IllegalArgumentException("conv2d: input " + Shapes.str(xs) + " has " + xs[1]
                    + " channels but weight " + Shapes.str(ws) + " expects " + ws[1]);
        }
        if (ws[2] != window.kernelH() || ws[3] != window.kernelW()) {
            throw new IllegalArgumentException("conv2d: weight " + Shapes.str(ws) + " has a " + ws[2] + "x" + ws[3]
                    + " kernel but the window says " + window.kernelH() + "x" + window.kernelW());
        }
        if (bias != null) {
            Shapes.requireSameFloatType("conv2d", input, bias);
            if (bias.rank() != 1 || bias.shape()[0] != ws[0]) {
                throw new IllegalArgumentException("conv2d: bias " + Shapes.str(bias.shape()) + " must be ["
                        + ws[0] + "], one value per output channel of weight " + Shapes.str(ws));
            }
        }
        if (window.outputHeight(xs[2]) < 1 || window.outputWidth(xs[3]) < 1) {
            throw new IllegalArgumentException("conv2d: input " + Shapes.str(xs) + " is too small for " + window
                    + " (the output would be empty)");
        }
    }
}
