package io.sharedstate.demo;

import io.sharedstate.SharedState;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One Python example the demo translates: its Python program, the Java that does the same, how to create its
 * keys, which worker JVMs to start, and how to read the outcome back from the store.
 *
 * @param title what the example shows
 * @param python the Python program, with the output it prints
 * @param java the Java equivalent, as run by the launcher and the workers
 * @param setup creates the example's keys, as the Python program does before starting its processes
 * @param launch starts the example's worker JVMs
 * @param readBack reads what the workers left in the store and compares it with the Python program's output
 */
record SeedExample(String title, String python, String java, Consumer<SharedState> setup, Launch launch,
                   Function<SharedState, Outcome> readBack) {

    /** Starts an example's workers on the store in {@code directory}. */
    interface Launch {
        void start(ChildGroup group, Path directory);
    }

    /**
     * What an example produced.
     *
     * @param expected what the Python program prints
     * @param actual what the Java workers left in the store, formatted alike
     * @param matches whether the values read back equal the expected ones
     */
    record Outcome(String expected, String actual, boolean matches) {
    }
}
