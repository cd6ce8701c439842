/**
 * Losses as objects ({@link org.inertia.nn.loss.Loss}): cross-entropy with label smoothing, NLL, MSE and
 * binary cross-entropy from logits, each with PyTorch's reductions.
 */
package org.inertia.nn.loss;
