/**
 * The code to read first: {@link org.inertia.examples.loop.PlainLoop} trains LeNet-5 on MNIST with a
 * plain loop, every step in view ({@code inertia loop} runs it).
 */
package org.inertia.examples.loop;
