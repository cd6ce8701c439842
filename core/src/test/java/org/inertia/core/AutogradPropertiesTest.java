package org.inertia.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random small expression graphs over random broadcastable shapes, checked against central finite
 * differences in float64. Each graph combines two leaves whose shapes broadcast against each other
 * (dimensions of 1 on either side, missing leading dimensions) through a random chain of elementwise
 * binary and unary ops, some reusing an intermediate twice, and reduces to a scalar; the gradient of
 * both leaves — including the sums over broadcast dimensions — must match the numeric one.
 */
class AutogradPropertiesTest {
    /** One step of the chain applied to the running value {@code t} and the second leaf {@code b}. */
    enum Step {
        ADD, SUB, MUL, DIV_BY_POSITIVE, TANH, SIGMOID, SQUARE, EXP_OF_TANH, LOG_OF_POSITIVE, SCALE_AND_SHIFT, SQRT_OF_POSITIVE;

        Tensor apply(Tensor t, Tensor b) {
            return switch (this) {
                case ADD -> t.add(b);
                case SUB -> t.sub(b);
                case MUL -> t.mul(b);
                case DIV_BY_POSITIVE -> t.div(b.mul(b).add(Tensor.scalar(DType.FLOAT64, 1)));   // b² + 1 > 0
                case TANH -> t.tanh();
                case SIGMOID -> t.sigmoid();
                case SQUARE -> t.mul(t);                                         // one value used twice
                case EXP_OF_TANH -> t.tanh().exp();
                case LOG_OF_POSITIVE -> t.mul(t).add(Tensor.scalar(DType.FLOAT64, 0.5)).log();
                case SCALE_AND_SHIFT -> t.mul(Tensor.scalar(DType.FLOAT64, -1.5)).add(Tensor.scalar(DType.FLOAT64, 0.25));
                case SQRT_OF_POSITIVE -> t.mul(t).add(Tensor.scalar(DType.FLOAT64, 1)).sqrt();
            };
        }
    }

    /** Two broadcastable shapes, the chain of steps, whether to reduce by mean, and a seed for values. */
    record Graph(long[] shapeA, long[] shapeB, List<Step> steps, boolean mean, long seed) {
        @Override
        public String toString() {
            return Arrays.toString(shapeA) + " with " + Arrays.toString(shapeB) + ": " + steps + (mean ? " mean" : " sum");
        }
    }

    @Provide
    Arbitrary<Graph> graphs() {
        Arbitrary<long[]> full = Arbitraries.longs().between(1, 3).array(long[].class).ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<Step>> steps = Arbitraries.of(Step.class).list().ofMinSize(1).ofMaxSize(5);
        return Combinators.combine(full, steps, Arbitraries.of(true, false), Arbitraries.longs())
            .as((shape, chain, mean, seed) -> {
                Random r = new Random(seed);
                long[] a = shape.clone();
                long[] b = shape.clone();
                for (int i = 0; i < shape.length; i++) {     // either side may be 1 where the other is not
                    int pick = r.nextInt(4);
                    if (pick == 0) {
                        a[i] = 1;
                    } else if (pick == 1) {
                        b[i] = 1;
                    }
                }
                int drop = r.nextInt(shape.length);             // b may lack leading dimensions
                long[] bShape = Arrays.copyOfRange(b, drop, b.length);
                List<Step> withB = new ArrayList<>(chain);
                withB.add(0, Step.values()[r.nextInt(3)]);      // b enters the graph at least once
                return new Graph(a, bShape, withB, mean, seed);
            });
    }

    private static Tensor leaf(long[] shape, Random r) {
        long n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        double[] values = new double[(int) n];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.nextDouble() * 2 - 1;
        }
        return Tensor.of(DType.FLOAT64, values, shape);
    }

    @Property(tries = 150)
    void gradientsOfRandomGraphsMatchFiniteDifferences(@ForAll("graphs") Graph g) {
        Random r = new Random(g.seed());
        Tensor a = leaf(g.shapeA(), r);
        Tensor b = leaf(g.shapeB(), r);
        GradCheck.check(g.toString(), in -> {
            Tensor t = in[0];
            for (Step s : g.steps()) {
                t = s.apply(t, in[1]);
            }
            return g.mean() ? t.mean() : t.sum();
        }, a, b).assertWithin(1e-6);
    }
}
