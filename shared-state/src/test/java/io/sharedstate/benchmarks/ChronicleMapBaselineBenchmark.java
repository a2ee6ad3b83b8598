package io.sharedstate.benchmarks;

import io.sharedstate.internal.ChronicleBootstrap;
import net.openhft.chronicle.map.ChronicleMap;
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
 * The baseline: incrementing a value in a persisted Chronicle Map with {@code compute}, the way one would
 * without this library. Run with {@code docs/bench/run-jmh.sh ChronicleMapBaselineBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChronicleMapBaselineBenchmark {
    private Path directory;
    private ChronicleMap<CharSequence, Long> map;

    @Setup(Level.Trial)
    public void open() throws IOException {
        ChronicleBootstrap.configure();
        directory = Files.createTempDirectory("chronicle-bench");
        map = ChronicleMap.of(CharSequence.class, Long.class).entries(1_000).averageKeySize(8)
                .createPersistedTo(directory.resolve("map.cm3").toFile());
        map.put("counter", 0L);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        map.close();
        BenchmarkFiles.delete(directory);
    }

    @Benchmark
    public Long computeIncrement() {
        return map.compute("counter", (key, value) -> value + 1);
    }
}
