/**
 * Data: {@link org.inertia.nn.data.Dataset}s ({@link org.inertia.nn.data.ImageDataset} for MNIST,
 * Fashion-MNIST and CIFAR-10, {@link org.inertia.nn.data.TensorDataset} for tensors in memory) and the
 * {@link org.inertia.nn.data.DataLoader}, which shuffles reproducibly, prefetches, and releases each
 * batch's memory when the loop moves on. {@link org.inertia.nn.data.Mnist#bundled} gives the MNIST copy
 * of the {@code inertia-datasets} artifact; {@link org.inertia.nn.data.Downloader} fetches and verifies
 * the others.
 */
package org.inertia.nn.data;
