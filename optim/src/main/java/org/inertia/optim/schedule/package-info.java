/**
 * Learning-rate and momentum schedules ({@link org.inertia.optim.schedule.Schedules}: step, cosine,
 * warm-up, one-cycle, the linear momentum ramp) and the {@link org.inertia.optim.schedule.Scheduler} that
 * applies them to an optimizer's groups, with momentum restart every k steps.
 */
package org.inertia.optim.schedule;
