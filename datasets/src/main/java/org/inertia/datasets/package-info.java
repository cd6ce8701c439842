/**
 * Resources only: the MNIST handwritten digits (Yann LeCun, Corinna Cortes, Christopher J. C. Burges),
 * the four original IDX files gzip'd under {@code org/inertia/datasets/mnist/} on the class path.
 *
 * <p>Nothing here is called directly: {@code org.inertia.nn.data.Mnist.bundled(Split)} reads them, checks
 * the official SHA-256 of each decompressed file, and returns the split normalised as the examples
 * train on it. Depend on {@code org.inertia:inertia-datasets} to have it; without it
 * {@code Mnist.bundled} says which artifact to add.
 */
package org.inertia.datasets;
