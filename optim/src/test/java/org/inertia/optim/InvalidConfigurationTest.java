package org.inertia.optim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.inertia.core.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid configuration in {@link OptimizerTable} fails at construction, naming what and what is allowed. */
class InvalidConfigurationTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.inertia.optim.OptimizerTable#invalid")
    void refusedAtConstructionWithAClearMessage(String name, Function<List<Tensor>, Optimizer> factory, String[] words) {
        Problem problem = new Problem(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> factory.apply(problem.params()));
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), name + ": message lacks '" + w + "': " + e.getMessage());
        }
    }
}
