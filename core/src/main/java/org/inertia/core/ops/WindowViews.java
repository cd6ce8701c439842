package org.inertia.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * How a sliding window sees its input, as plain array views: the readable form of convolution and
 * pooling is built from these.
 *
 * <p>Pad the input once; then for each kernel tap (i, j) the values that tap meets at every output
 * position form one strided view of the padded input:
 *
 * <pre>
 *   tap(i, j)[n, c, y, x] = padded[n, c, s·y + d·i, s·x + d·j]        (s = stride, d = dilation)
 * </pre>
 *
 * A convolution is then Σ over taps of weight[:, :, i, j] · tap(i, j), a max pool the running maximum
 * of the taps, an average pool their mean; backward adds each tap's share of the gradient back into
 * the same view of a padded gradient.
 */
final class WindowViews {
    private WindowViews() {
    }

    /** {@code x} [N, C, H, W] inside a border of {@code fill} (0 for convolution, −∞ for max pooling). */
    static INDArray pad(INDArray x, Window2d w, double fill) {
        if (w.padH() == 0 && w.padW() == 0) {
            return x;
        }
        INDArray padded = Nd4j.valueArrayOf(new long[] {x.size(0), x.size(1), x.size(2) + 2L * w.padH(),
            x.size(3) + 2L * w.padW()}, fill, x.dataType());
        interior(padded, w).assign(x);
        return padded;
    }

    /** The part of a padded array that is the original input (a view). */
    static INDArray interior(INDArray padded, Window2d w) {
        if (w.padH() == 0 && w.padW() == 0) {
            return padded;
        }
        return padded.get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(w.padH(), padded.size(2) - w.padH()),
                NDArrayIndex.interval(w.padW(), padded.size(3) - w.padW()));
    }

    /** The view of {@code padded} that kernel tap (i, j) sees at each of the oH × oW output positions. */
    static INDArray tap(INDArray padded, Window2d w, int i, int j, long outH, long outW) {
        long top = (long) i * w.dilationH();
        long left = (long) j * w.dilationW();
        return padded.get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(top, w.strideH(), top + (outH - 1) * w.strideH() + 1),
                NDArrayIndex.interval(left, w.strideW(), left + (outW - 1) * w.strideW() + 1));
    }
}
