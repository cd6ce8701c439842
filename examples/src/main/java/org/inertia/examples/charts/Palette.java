package org.inertia.examples.charts;

import java.awt.Color;

/** Distinct series colours (Tableau 10), shared by every chart so an optimizer keeps its colour. */
public final class Palette {
    private static final Color[] COLORS = {
        new Color(0x4E79A7), new Color(0xE15759), new Color(0x59A14F), new Color(0xF28E2B), new Color(0xB07AA1),
        new Color(0x76B7B2), new Color(0xEDC948), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC)};

    private Palette() {
    }

    public static Color color(int i) {
        return COLORS[Math.floorMod(i, COLORS.length)];
    }
}
