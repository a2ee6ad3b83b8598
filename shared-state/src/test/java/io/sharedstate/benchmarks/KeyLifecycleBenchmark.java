package io.sharedstate.benchmarks;

import io.sharedstate.JournalMode;
import io.sharedstate.SharedState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Creating a key and looking one up: the only operations that take a Chronicle Map segment lock, so their cost
 * bounds how long such a lock is held. Run with {@code docs/bench/run-jmh.sh KeyLifecycleBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeyLifecycleBenchmark {
    private Path directory;
    private SharedState state;
    private long next;

    @Setup(Level.Iteration)
    public void open() throws IOException {
        directory = Files.createTempDirectory("shared-state-keys");
        state = SharedState.builder(directory.resolve("store")).capacity(4_000_000).open()
                .withJournal(JournalMode.OFF);
        state.longValue("existing", 0);
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        state.close();
        BenchmarkFiles.delete(directory);
    }

    /** A new key: lookup (read lock), then insert and initialize (write lock). */
    @Benchmark
    public Object createKey() {
        return state.longValue("key-" + next++, 0);
    }

    /** An existing key, by name, without a kept handle and past the handle cache: contains() looks it up. */
    @Benchmark
    public boolean lookUpKey() {
        return state.contains("existing");
    }
}
