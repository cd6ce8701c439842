/**
 * Networks: {@link org.inertia.nn.Module} (parameters, buffers and children, registered from fields under
 * PyTorch's names), {@link org.inertia.nn.Parameter}, {@link org.inertia.nn.Sequential} and
 * {@link org.inertia.nn.Init}'s initialisations. Layers are in {@code layers}, losses in {@code loss}, data
 * in {@code data}, files in {@code io}, the training loop in {@code train}.
 */
package org.inertia.nn;
