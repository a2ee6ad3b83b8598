package io.sharedstate.benchmarks;

import io.sharedstate.SharedState;
import io.sharedstate.Subscription;
import io.sharedstate.internal.ChronicleBootstrap;
import io.sharedstate.testing.JavaProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The delay between a change in one process and its delivery to a watcher in another: a child writes one
 * change every 2 ms; this process watches and compares each event's timestamp (taken by the writer) with the
 * time it was delivered. Also reports journal bytes per event. Run with
 * {@code docs/bench/run-harness.sh WatchLatencyBenchmark [events]}.
 */
public final class WatchLatencyBenchmark {
    private WatchLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ChronicleBootstrap.configure();
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        Path dir = Files.createTempDirectory("shared-state-watch").resolve("store");
        List<Long> delaysMicros = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(events);
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("ticks", 0);
            try (Subscription subscription = state.watch("ticks", event -> {
                delaysMicros.add(ChronoUnit.MICROS.between(event.time(), Instant.now()));
                all.countDown();
            }); JavaProcess writer = JavaProcess.start(JavaProcess.FULL_JIT, Writer.class, dir, events)) {
                writer.awaitSuccess(Duration.ofMinutes(2));
                all.await(30, TimeUnit.SECONDS);
            }
            long bytes = ((io.sharedstate.store.ChronicleSharedState) state).stats().journalBytes();
            List<Long> sorted = new ArrayList<>(delaysMicros);
            Collections.sort(sorted);
            System.out.printf("watch delay across processes over %d events: median %d µs, p90 %d µs, p99 %d µs, "
                            + "max %d µs%n", sorted.size(), sorted.get(sorted.size() / 2),
                    sorted.get(sorted.size() * 9 / 10), sorted.get(sorted.size() * 99 / 100),
                    sorted.get(sorted.size() - 1));
            System.out.printf("journal on disk: %,d bytes for %d events%n", bytes, events + 1);
        }
        BenchmarkFiles.delete(dir.getParent());
    }

    /** Increments "ticks" every 2 ms. */
    public static final class Writer {
        private Writer() {
        }

        public static void main(String[] args) throws InterruptedException {
            try (SharedState state = SharedState.open(Path.of(args[0]))) {
                var ticks = state.longValue("ticks");
                for (int i = Integer.parseInt(args[1]); i > 0; i--) {
                    ticks.incrementAndGet();
                    Thread.sleep(2);
                }
            }
        }
    }
}
