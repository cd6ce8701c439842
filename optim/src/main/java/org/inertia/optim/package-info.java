/**
 * Optimizers built around momentum, with PyTorch's names, defaults and semantics: {@link org.inertia.optim.SGD},
 * {@link org.inertia.optim.Momentum} (PyTorch, EMA and heavy-ball forms), {@link org.inertia.optim.Nesterov}
 * (PyTorch and look-ahead forms), {@link org.inertia.optim.RMSprop}, {@link org.inertia.optim.Adam} and
 * {@link org.inertia.optim.AdamW}. Each file's update rule is a few lines with the equation beside each one;
 * the shared loop, parameter groups ({@link org.inertia.optim.ParamGroup}), per-parameter state and
 * snapshots ({@link org.inertia.optim.OptimizerState}) live in {@link org.inertia.optim.Optimizer}.
 */
package org.inertia.optim;
