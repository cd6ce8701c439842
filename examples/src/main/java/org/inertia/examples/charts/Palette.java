package org.inertia.examples.charts;

import java.awt.Color;
import java.util.Locale;
import java.util.Map;

/**
 * Series colours (Tableau 10). Each optimizer has its own colour in every chart — trajectories,
 * loss curves, comparisons — so momentum is the same blue wherever it appears; other series take the
 * remaining colours in order.
 */
public final class Palette {
    private static final Map<String, Color> OPTIMIZERS = Map.of(
            "momentum", new Color(0x4E79A7), "nesterov", new Color(0xE15759), "rmsprop", new Color(0x59A14F),
            "adam", new Color(0xF28E2B), "adamw", new Color(0xB07AA1), "sgd", new Color(0x7F7F7F));
    private static final Color[] OTHERS = {
        new Color(0x76B7B2), new Color(0xEDC948), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0x4E79A7),
        new Color(0xE15759), new Color(0x59A14F), new Color(0xF28E2B)};

    private Palette() {
    }

    /** The colour of an optimizer by its command-line name, or null for a name that is not one. */
    public static Color optimizer(String name) {
        return OPTIMIZERS.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Shade {@code i} of {@code n} of an optimizer's colour, light to dark: the runs of a sweep over one
     * hyperparameter, in the order of its values.
     */
    public static Color shade(String optimizer, int i, int n) {
        Color base = optimizer(optimizer);
        if (base == null || n <= 1) {
            return base;
        }
        double t = -0.45 + 0.9 * i / (n - 1);         // -0.45: towards white, +0.45: towards black
        Color target = t < 0 ? Color.WHITE : Color.BLACK;
        double a = Math.abs(t);
        return new Color((int) Math.round(base.getRed() + (target.getRed() - base.getRed()) * a),
                (int) Math.round(base.getGreen() + (target.getGreen() - base.getGreen()) * a),
                (int) Math.round(base.getBlue() + (target.getBlue() - base.getBlue()) * a));
    }

    /** Series {@code i} labelled {@code label}: its optimizer's colour if it names one, else the i-th other colour. */
    public static Color color(String label, int i) {
        Color c = optimizer(label);
        return c != null ? c : OTHERS[Math.floorMod(i, OTHERS.length)];
    }
}
