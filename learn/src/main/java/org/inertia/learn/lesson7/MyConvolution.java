package org.inertia.learn.lesson7;

import org.inertia.core.Tensor;

/**
 * Your exercise for lesson 7 (docs/learn/7-a-cnn-end-to-end.md): a convolution built only from
 * differentiable tensor ops, so autograd writes its backward for you. Check it with
 * {@code ./mvnw -q -pl learn -am test -Dgroups=lesson7 -Dinertia.learn=exercises}.
 */
public final class MyConvolution implements ConvolutionOp {
    @Override
    public Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int padding) {
        // Pad with Tensor.concat(2, zeros, input, zeros), then the same along axis 3. For each kernel tap
        // (i, j): the window padded.narrow(2, i, outH).narrow(3, j, outW), times weight[:, :, i, j] as a
        // matrix product over the channels; sum the taps, add the bias.
        throw new UnsupportedOperationException("not implemented: lesson 7, MyConvolution.conv2d");
    }
}
