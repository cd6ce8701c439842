package org.inertia.core.ops;

/**
 * The geometry of a sliding 2-D window (convolution or pooling): kernel size, stride, zero padding
 * and dilation, each as (height, width). Output size along an axis:
 * {@code (in + 2·pad − dilation·(kernel − 1) − 1) / stride + 1}, as in PyTorch.
 */
public record Window2d(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                       int dilationH, int dilationW) {

    /** Checks every size: kernel and stride at least 1, padding at least 0, dilation at least 1. */
    public Window2d {
        if (kernelH < 1 || kernelW < 1) {
            throw new IllegalArgumentException("kernel size must be >= 1, got " + kernelH + "x" + kernelW);
        }
        if (strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("stride must be >= 1, got " + strideH + "x" + strideW);
        }
        if (padH < 0 || padW < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padH + "x" + padW);
        }
        if (dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("dilation must be >= 1, got " + dilationH + "x" + dilationW);
        }
    }

    /** A square window: kernel k, stride s, padding p, dilation d on both axes. */
    public static Window2d square(int kernel, int stride, int padding, int dilation) {
        return new Window2d(kernel, kernel, stride, stride, padding, padding, dilation, dilation);
    }

    /** The number of window positions down an input of {@code inputHeight} rows. */
    public long outputHeight(long inputHeight) {
        return (inputHeight + 2L * padH - (long) dilationH * (kernelH - 1) - 1) / strideH + 1;
    }

    /** The number of window positions across an input of {@code inputWidth} columns. */
    public long outputWidth(long inputWidth) {
        return (inputWidth + 2L * padW - (long) dilationW * (kernelW - 1) - 1) / strideW + 1;
    }

    @Override
    public String toString() {
        return "kernel " + kernelH + "x" + kernelW + ", stride " + strideH + "x" + strideW + ", padding " + padH + "x"
                + padW + ", dilation " + dilationH + "x" + dilationW;
    }
}
