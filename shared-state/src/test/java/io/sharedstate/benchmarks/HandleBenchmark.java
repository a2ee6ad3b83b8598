package io.sharedstate.benchmarks;

import io.sharedstate.JournalMode;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedLongArray;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Single-process costs of the hot path: operations through a kept handle, by name, on an array element, and
 * with the journal on. Run with {@code docs/bench/run-jmh.sh HandleBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HandleBenchmark {
    private Path directory;
    private SharedState state;
    private SharedLong counter;
    private SharedLong journaled;
    private SharedLongArray array;

    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("shared-state-bench");
        state = SharedState.open(directory.resolve("store"));
        SharedState quiet = state.withJournal(JournalMode.OFF);
        counter = quiet.longValue("counter", 0);
        quiet.longValue("by-name", 0);
        array = quiet.longArray("array", 16);
        journaled = state.longValue("journaled", 0);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        state.close();
        BenchmarkFiles.delete(directory);
    }

    /** Target: at most 50 ns. */
    @Benchmark
    public long incrementThroughHandle() {
        return counter.incrementAndGet();
    }

    /** Target: at most 20 ns. */
    @Benchmark
    public long getThroughHandle() {
        return counter.get();
    }

    /** Target: at most 500 ns. */
    @Benchmark
    public long incrementByName() {
        return state.longValue("by-name").incrementAndGet();
    }

    /** Target: at most 60 ns. */
    @Benchmark
    public long incrementArrayElement() {
        return array.incrementAndGet(7);
    }

    /** Target: at most 1 µs. */
    @Benchmark
    public long incrementJournaled() {
        return journaled.incrementAndGet();
    }

    /** Two threads of one process on one key. */
    @Benchmark
    @Threads(2)
    public long incrementContendedTwoThreads() {
        return counter.incrementAndGet();
    }
}
