package org.inertia.learn.lesson7;

import org.inertia.core.Tensor;

/** Lesson 7: the convolution a CNN is made of. */
public interface ConvolutionOp {
    /**
     * out[n, o, y, x] = bias[o] + Σ_c Σ_(i,j) weight[o, c, i, j] · in[n, c, y + i − p, x + j − p], stride 1,
     * zeros outside the input.
     *
     * @param input   [N, C, H, W]
     * @param weight  [O, C, kH, kW]
     * @param bias    [O], or null
     * @param padding p, the zeros added on every side
     */
    Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int padding);
}
