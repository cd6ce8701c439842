package org.inertia.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParamGroupTest {
    @Test
    void eachGroupUsesItsOwnMomentumAndLearningRate() {
        var base = Momentum.options().lr(0.05);
        Problem grouped = new Problem(11);
        Optimizer both = new Momentum(ParamGroup.of(List.of(grouped.weight), base.momentum(0.5)),
            ParamGroup.of(List.of(grouped.bias), base.momentum(0.95).lr(0.01)));

        Problem separate = new Problem(11);
        Optimizer forWeight = new Momentum(List.of(separate.weight), base.momentum(0.5));
        Optimizer forBias = new Momentum(List.of(separate.bias), base.momentum(0.95).lr(0.01));
        for (int i = 0; i < 20; i++) {
            grouped.step(both);
            forWeight.zeroGrad();
            forBias.zeroGrad();
            separate.loss().backward();
            forWeight.step();
            forBias.step();
        }
        assertArrayEquals(separate.snapshot()[0], grouped.snapshot()[0]);
        assertArrayEquals(separate.snapshot()[1], grouped.snapshot()[1]);
        assertEquals(0.5, both.paramGroups().get(0).momentum());
        assertEquals(0.01, both.paramGroups().get(1).lr());
    }

    @Test
    void settingAGroupValueValidatesIt() {
        Problem p = new Problem(1);
        Optimizer nesterov = new Nesterov(p.params(), Nesterov.options());
        ParamGroup g = nesterov.paramGroups().get(0);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> g.setMomentum(0));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("Nesterov momentum requires"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> g.setLr(-0.1));
        assertEquals(0.9, g.momentum(), "a refused value leaves the group unchanged");
    }
}
