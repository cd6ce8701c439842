/**
 * Layers as modules, with PyTorch's parameter names, layouts and default initialisations: linear,
 * convolution, pooling, batch norm, dropout, flatten and the activations.
 */
package org.inertia.nn.layers;
