/**
 * The training loop for those who do not write their own: {@link org.inertia.nn.train.Trainer} with
 * callbacks (progress bar, metrics CSV, checkpoints, early stopping, diagnostics), evaluation with a
 * confusion matrix, a guard that stops on a non-finite loss, and data-parallel steps on several cores.
 */
package org.inertia.nn.train;
