/**
 * The ops, one family per file, each op's forward and backward side by side with the derivative in its
 * comment: {@link org.inertia.core.ops.Elementwise}, {@link org.inertia.core.ops.Reductions},
 * {@link org.inertia.core.ops.Comparisons}, {@link org.inertia.core.ops.MatMul},
 * {@link org.inertia.core.ops.ShapeOps}, {@link org.inertia.core.ops.Activations},
 * {@link org.inertia.core.ops.Convolution}, {@link org.inertia.core.ops.Pooling},
 * {@link org.inertia.core.ops.Normalization}, {@link org.inertia.core.ops.Dropout} and
 * {@link org.inertia.core.ops.Losses}. Most are reached through {@code Tensor}'s methods; write your own
 * with {@code Tensor.fromOp}.
 */
package org.inertia.core.ops;
