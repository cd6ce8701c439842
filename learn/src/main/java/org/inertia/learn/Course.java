package org.inertia.learn;

import java.util.List;
import java.util.Locale;
import org.inertia.core.FastPaths;
import org.inertia.core.Graphs;
import org.inertia.core.Shapes;
import org.inertia.core.Tensor;
import org.inertia.core.ops.Broadcast;
import org.inertia.core.ops.Convolution;
import org.inertia.core.ops.Window2d;
import org.inertia.learn.lesson1.Broadcasting;
import org.inertia.learn.lesson1.MyBroadcasting;
import org.inertia.learn.lesson2.BackwardOrder;
import org.inertia.learn.lesson2.MyBackwardOrder;
import org.inertia.learn.lesson3.MySigmoid;
import org.inertia.learn.lesson3.SigmoidOp;
import org.inertia.learn.lesson4.MomentumFamily;
import org.inertia.learn.lesson4.MyMomentum;
import org.inertia.learn.lesson5.AdamFamily;
import org.inertia.learn.lesson5.MyAdam;
import org.inertia.learn.lesson6.MySchedules;
import org.inertia.learn.lesson6.ScheduleFormulas;
import org.inertia.learn.lesson7.ConvolutionOp;
import org.inertia.learn.lesson7.MyConvolution;
import org.inertia.optim.Adam;
import org.inertia.optim.AdamOptions;
import org.inertia.optim.AdamW;
import org.inertia.optim.Momentum;
import org.inertia.optim.Nesterov;
import org.inertia.optim.Optimizer;
import org.inertia.optim.schedule.Schedule;
import org.inertia.optim.schedule.Schedules;

/**
 * What the lesson tests run: your exercises ({@code -Dinertia.learn=exercises}) or the reference
 * solutions ({@code solutions}, the default), which are the library's own code — the functions the
 * engine, the ops, the optimizers and the schedules use, each named below.
 */
public final class Course {
    /** System property choosing what the lesson tests run. */
    public static final String PROPERTY = "inertia.learn";

    private Course() {
    }

    /** True when the tests run your exercises. */
    public static boolean exercises() {
        String value = System.getProperty(PROPERTY, "solutions").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "exercises" -> true;
            case "solutions" -> false;
            default -> throw new IllegalArgumentException(PROPERTY + " must be 'exercises' or 'solutions', got '"
                    + value + "'");
        };
    }

    /** Lesson 1. Solution: {@code core/Shapes.broadcast} and {@code core/ops/Broadcast.reduceTo}. */
    public static Broadcasting broadcasting() {
        return exercises() ? new MyBroadcasting() : new Broadcasting() {
            @Override
            public long[] broadcastShape(long[] a, long[] b) {
                return Shapes.broadcast("broadcast", a, b);
            }

            @Override
            public org.nd4j.linalg.api.ndarray.INDArray reduceTo(org.nd4j.linalg.api.ndarray.INDArray grad,
                                                                 long[] shape) {
                return Broadcast.reduceTo(grad, shape);
            }
        };
    }

    /** Lesson 2. Solution: {@code core/Autograd.topologicalOrder}, through {@link Graphs#topologicalOrder}. */
    public static BackwardOrder backwardOrder() {
        return exercises() ? new MyBackwardOrder() : Graphs::topologicalOrder;
    }

    /** Lesson 3. Solution: the readable sigmoid of {@code core/ops/Activations} (fast kernels off). */
    public static SigmoidOp sigmoid() {
        return exercises() ? new MySigmoid() : x -> FastPaths.get(false, x::sigmoid);
    }

    /** Lesson 4. Solution: {@code optim/Momentum} and {@code optim/Nesterov}. */
    public static MomentumFamily momentumFamily() {
        return exercises() ? new MomentumFamily() {
            @Override
            public Optimizer momentum(List<Tensor> params, double lr, double beta) {
                return new MyMomentum(params, lr, beta, false);
            }

            @Override
            public Optimizer nesterov(List<Tensor> params, double lr, double beta) {
                return new MyMomentum(params, lr, beta, true);
            }
        } : new MomentumFamily() {
            @Override
            public Optimizer momentum(List<Tensor> params, double lr, double beta) {
                return new Momentum(params, Momentum.options().lr(lr).momentum(beta));
            }

            @Override
            public Optimizer nesterov(List<Tensor> params, double lr, double beta) {
                return new Nesterov(params, Nesterov.options().lr(lr).momentum(beta));
            }
        };
    }

    /** Lesson 5. Solution: {@code optim/Adam} and {@code optim/AdamW} (their update is {@code optim/AdamStep}). */
    public static AdamFamily adamFamily() {
        return exercises() ? new AdamFamily() {
            @Override
            public Optimizer adam(List<Tensor> params, AdamOptions options) {
                return new MyAdam(params, options, false);
            }

            @Override
            public Optimizer adamW(List<Tensor> params, AdamOptions options) {
                return new MyAdam(params, options, true);
            }
        } : new AdamFamily() {
            @Override
            public Optimizer adam(List<Tensor> params, AdamOptions options) {
                return new Adam(params, options);
            }

            @Override
            public Optimizer adamW(List<Tensor> params, AdamOptions options) {
                return new AdamW(params, options);
            }
        };
    }

    /** Lesson 6. Solution: {@code optim/schedule/Schedules.cosine} and {@code momentumRamp}. */
    public static ScheduleFormulas schedules() {
        return exercises() ? new MySchedules() : new ScheduleFormulas() {
            @Override
            public Schedule cosine(long period, double min) {
                return Schedules.cosine(period, min);
            }

            @Override
            public Schedule momentumRamp(long horizon, double max) {
                return Schedules.momentumRamp(horizon, max);
            }
        };
    }

    /** Lesson 7. Solution: the readable convolution of {@code core/ops/Convolution} (fast kernels off). */
    public static ConvolutionOp convolution() {
        return exercises() ? new MyConvolution() : (input, weight, bias, padding) -> FastPaths.get(false,
                () -> Convolution.conv2d(input, weight, bias,
                        new Window2d((int) weight.size(2), (int) weight.size(3), 1, 1, padding, padding, 1, 1)));
    }
}
