package org.inertia.examples.studio;

import java.util.List;
import java.util.Map;

/**
 * One option of the {@code trace} command as the playground offers it: generated from the command's own
 * definition, so the page cannot drift from the command line.
 *
 * @param name        the flag without its dashes, as {@code /api/trace} takes it ({@code lr-schedule})
 * @param label       the help's parameter label ({@code η}, {@code NAME}); empty for an on/off flag
 * @param description the help text
 * @param defaultValue the command's default, or null when the optimizer's own default applies
 * @param flag        true for an on/off flag that takes no value
 * @param choices     the values it accepts, or empty when it takes a number or free text
 * @param defaults    for an optimizer hyperparameter, its default per optimizer that has it (the optimizers
 *                    it applies to); empty otherwise
 */
public record TraceOption(String name, String label, String description, String defaultValue, boolean flag,
                          List<String> choices, Map<String, String> defaults) {
}
