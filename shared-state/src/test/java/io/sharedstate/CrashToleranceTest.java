package io.sharedstate;

import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workers increment one counter while the test kills them with {@code kill -9} at random moments and starts
 * new ones. Nobody may stall for over a second, and the total must equal the acknowledged increments, give or
 * take one in-flight increment per killed worker.
 */
@Isolated
class CrashToleranceTest {
    private static final int CONCURRENT = 3;
    private static final int KILLS = 10;
    private static final long MAX_STALL_MICROS = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void killedWorkersNeverStallTheOthersAndLoseNoAcknowledgedIncrement() throws Exception {
        int slots = CONCURRENT + KILLS;
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("counter", 0);
            state.longArray("counter.acks", slots);
            state.longArray("counter.stalls", slots);
        }
        Random random = new Random(42);
        List<JavaProcess> live = new ArrayList<>();
        int nextSlot = 0;
        int killed = 0;
        try {
            for (; nextSlot < CONCURRENT; nextSlot++) {
                live.add(startWorker(nextSlot, slots));
            }
            for (int kill = 0; kill < KILLS; kill++) {
                Thread.sleep(200 + random.nextInt(600));
                JavaProcess victim = live.remove(random.nextInt(live.size()));
                victim.kill9();
                killed++;
                live.add(startWorker(nextSlot++, slots));
            }
            Thread.sleep(1_000);
        } finally {
            for (JavaProcess process : live) {
                process.kill9();
                killed++;
            }
        }

        try (SharedState state = SharedState.open(dir)) {
            long total = state.longValue("counter").get();
            long[] acks = state.longArray("counter.acks", slots).toArray();
            long[] stalls = state.longArray("counter.stalls", slots).toArray();
            long acknowledged = LongStream.of(acks).sum();
            assertTrue(total >= acknowledged && total <= acknowledged + killed,
                    "total " + total + " vs acknowledged " + acknowledged + " with " + killed + " kills");
            for (int slot = 0; slot < slots; slot++) {
                assertTrue(acks[slot] > 0, "worker " + slot + " never completed an increment");
                assertTrue(stalls[slot] <= MAX_STALL_MICROS,
                        "worker " + slot + " stalled " + stalls[slot] + " µs; all: " + java.util.Arrays.toString(stalls));
            }
        }
    }

    private JavaProcess startWorker(int slot, int slots) {
        JavaProcess worker = JavaProcess.start(Worker.class, "crash-worker", dir, "counter", slot, slots);
        worker.awaitLine("ready", Duration.ofSeconds(30));
        return worker;
    }
}
