package io.sharedstate.demo;

/** Checks of option values that picocli's types do not express; a failure is a usage error (exit status 2). */
final class Validate {
    private Validate() {
    }

    /** Throws a usage error unless {@code value} is at least 1. */
    static void positive(String option, long value) {
        atLeast(option, value, 1);
    }

    /** Throws a usage error unless {@code value} is at least {@code min}. */
    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", was " + value);
        }
    }

    /** Throws a usage error unless {@code value} is at most {@code max}. */
    static void atMost(String option, long value, long max) {
        if (value > max) {
            throw new IllegalArgumentException(option + " must be at most " + max + ", was " + value);
        }
    }
}
