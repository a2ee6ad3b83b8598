package io.sharedstate.demo;

import io.sharedstate.SharedState;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * {@code seed}: the four Python {@code multiprocessing} examples the project replaces, each run in real worker
 * JVMs, with the Python program printed beside its Java translation and the outcome read back from the store.
 */
@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Runs the four Python multiprocessing examples, translated, in real worker processes, "
                + "and checks each result.")
final class SeedScenario extends Scenario {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int PYTHON_WIDTH = 50;

    @Override
    String name() {
        return "seed";
    }

    @Override
    void run(Path directory, Checks checks) throws InterruptedException {
        try (SharedState state = SharedState.open(directory)) {
            int number = 1;
            for (SeedExample example : SeedExamples.all()) {
                runExample(number++, example, state, checks);
            }
        }
    }

    private void runExample(int number, SeedExample example, SharedState state, Checks checks)
            throws InterruptedException {
        out.println();
        out.println("-- example " + number + " of 4: " + example.title());
        SideBySide.print(out, PYTHON_WIDTH, "Python (multiprocessing)", example.python(),
                "Java (shared-state)", example.java());
        example.setup().accept(state);
        long start = System.nanoTime();
        try (ChildGroup group = new ChildGroup(out)) {
            example.launch().start(group, state.directory());
            group.awaitSuccess(TIMEOUT);
            out.println("  ran " + group.children().size() + " worker JVMs (pids " + pids(group) + ") in "
                    + Format.seconds(System.nanoTime() - start));
        }
        SeedExample.Outcome outcome = example.readBack().apply(state);
        out.println("  Python prints: " + outcome.expected());
        out.println("  Java reads:    " + outcome.actual());
        checks.expect(outcome.matches(), "example " + number + ", " + example.title() + ": expected "
                + outcome.expected() + ", got " + outcome.actual());
    }

    private static String pids(ChildGroup group) {
        return group.children().stream().map(child -> Long.toString(child.pid())).collect(Collectors.joining(", "));
    }
}
