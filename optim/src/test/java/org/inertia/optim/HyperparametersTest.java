package org.inertia.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options records as name → value maps, and one value changed by name. */
class HyperparametersTest {
    @Test
    void asMapListsEveryComponentInOrderWithEnumsByName() {
        Map<String, Object> m = Momentum.options().lr(0.05).asMap();
        assertEquals(List.of("lr", "momentum", "dampening", "weightDecay", "form", "biasCorrection", "adaptive"),
                List.copyOf(m.keySet()));
        assertEquals(0.05, m.get("lr"));
        assertEquals("PYTORCH", m.get("form"));
    }

    @Test
    void withChangesOneValueByNameAndKeepsTheRest() {
        Hyperparameters h = Adam.options().lr(0.01).with("beta2", 0.99);
        assertEquals(Adam.options().lr(0.01).beta2(0.99), h);
        assertEquals(Momentum.options().momentum(0.5), Momentum.options().with("momentum", 0.5));
        assertEquals(Momentum.options().form(Momentum.Form.EMA), Momentum.options().with("form", "EMA"));
        assertEquals(RMSprop.options().momentum(0.5), RMSprop.options().with("momentum", 0.5f));   // any Number
    }

    @Test
    void withRefusesUnknownNamesAndBadValuesNamingThem() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SGD.options().with("momentum", 0.9));
        assertTrue(unknown.getMessage().contains("Options has no hyperparameter 'momentum' (it has lr, weightDecay)"),
                unknown.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Momentum.options().with("momentum", 1.5));
        assertTrue(bad.getMessage().toLowerCase(java.util.Locale.ROOT).contains("momentum"), bad.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> Momentum.options().with("form", 3));
        assertTrue(type.getMessage().contains("'form' should be a Form"), type.getMessage());
    }
}
