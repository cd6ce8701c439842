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

    /** A group added after some steps (unfreezing a layer) trains from then on exactly as if it had been there. */
    @Test
    void addParamGroupTrainsTheNewGroupFromThenOn() {
        var base = Momentum.options().lr(0.05).momentum(0.9);
        Problem late = new Problem(3);
        Optimizer opt = new Momentum(List.of(late.weight), base);
        org.inertia.optim.schedule.Scheduler schedule = org.inertia.optim.schedule.Scheduler.of(opt)
            .lr(org.inertia.optim.schedule.Schedules.cosine(100, 0));
        Problem reference = new Problem(3);
        Optimizer forWeight = new Momentum(List.of(reference.weight), base);
        org.inertia.optim.schedule.Scheduler weightSchedule = org.inertia.optim.schedule.Scheduler.of(forWeight)
            .lr(org.inertia.optim.schedule.Schedules.cosine(100, 0));
        Optimizer forBias = null;
        org.inertia.optim.schedule.Scheduler biasSchedule = null;
        for (int i = 0; i < 10; i++) {
            if (i == 4) {
                opt.addParamGroup(ParamGroup.of(List.of(late.bias), base.lr(0.02)));
                forBias = new Momentum(List.of(reference.bias), base.lr(0.02));
            }
            late.step(opt);
            schedule.step();
            forWeight.zeroGrad();
            if (forBias != null) {
                forBias.zeroGrad();
            }
            reference.loss().backward();
            forWeight.step();
            weightSchedule.step();
            if (forBias != null) {
                forBias.step();
                if (biasSchedule == null) {        // the scheduler takes a new group from its next step on
                    biasSchedule = org.inertia.optim.schedule.Scheduler.of(forBias)
                        .lr(org.inertia.optim.schedule.Schedules.cosine(100, 0));
                    biasSchedule.setT(i + 1);
                } else {
                    biasSchedule.step();
                }
            }
        }
        assertEquals(2, opt.paramGroups().size());
        assertArrayEquals(reference.snapshot()[0], late.snapshot()[0]);
        assertArrayEquals(reference.snapshot()[1], late.snapshot()[1]);
        assertEquals(forBias.paramGroups().get(0).lr(), opt.paramGroups().get(1).lr(), 0, "the schedule drives it too");
    }

    @Test
    void addParamGroupRefusesParametersAlreadyInAGroupAndChangesNothing() {
        Problem p = new Problem(2);
        Optimizer opt = new Momentum(List.of(p.weight), Momentum.options().lr(0.1));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> opt.addParamGroup(List.of(p.bias, p.weight)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("parameter 1 of group 1"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("is also in group 0"), e.getMessage());
        assertEquals(1, opt.paramGroups().size());
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> opt.addParamGroup(ParamGroup.of(List.of(p.bias), Momentum.options().lr(-1))));
        org.junit.jupiter.api.Assertions.assertTrue(bad.getMessage().startsWith("Momentum group 1: "), bad.getMessage());
        opt.addParamGroup(List.of(p.bias));
        assertEquals(0.1, opt.paramGroups().get(1).lr(), 0, "the first group's options");
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
            () -> opt.paramGroups().clear(), "the list is read-only");
    }
}
