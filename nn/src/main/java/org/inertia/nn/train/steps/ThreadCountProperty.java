package org.inertia.nn.train.steps;

/** Reads a system property that names a number of threads (the launcher's training settings). */
final class ThreadCountProperty {
    private ThreadCountProperty() {
    }

    /** The property's whole-number value, or {@code absent} when it is not set or blank. */
    static int read(String name, int absent) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of threads, got '" + value + "'", e);
        }
    }
}
