/**
 * Files: weights in the safetensors format under PyTorch's names ({@link org.inertia.nn.io.SafeTensors}),
 * optimizer state ({@link org.inertia.nn.io.OptimizerStateFile}) and resumable training checkpoints
 * ({@link org.inertia.nn.io.Checkpoint}), all written atomically and checked on reading.
 */
package org.inertia.nn.io;
