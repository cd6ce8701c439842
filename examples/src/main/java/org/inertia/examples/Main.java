package org.inertia.examples;

import org.inertia.examples.cli.InertiaCommand;

/** Entry point of {@code examples/target/inertia.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");   // charts render to files, never to a screen
        System.exit(InertiaCommand.create().execute(args));
    }
}
