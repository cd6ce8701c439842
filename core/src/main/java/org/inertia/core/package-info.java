/**
 * Tensors with reverse-mode autograd over ND4J.
 *
 * <p>Start with {@link org.inertia.core.Tensor}: create tensors ({@code Tensor.of}, {@code randn},
 * {@code zeros}), mark leaves with {@code requiresGrad(true)}, compute with its methods and call
 * {@code backward()}; the engine's reverse walk fills each leaf's {@code grad()}.
 * {@link org.inertia.core.NoGrad} turns recording off, {@link org.inertia.core.Rng} is the only source of
 * randomness, {@link org.inertia.core.MemoryScope} releases a step's arrays (a {@code DataLoader} opens one
 * per batch for you), and {@link org.inertia.core.GradCheck} checks an op's gradients against finite
 * differences. {@link org.inertia.core.FastPaths} switches every op between its fast kernel and its
 * readable form.
 */
package org.inertia.core;
