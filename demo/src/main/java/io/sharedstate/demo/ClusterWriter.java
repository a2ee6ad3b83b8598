package io.sharedstate.demo;

import io.sharedstate.SharedLock;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedLongArray;
import io.sharedstate.SharedState;
import io.sharedstate.SharedValue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The writer of a {@code cluster} scenario JVM: two threads that change the cluster's keys until {@link #stop()},
 * counting only what the cluster acknowledged (a call that returned).
 * <ul>
 *   <li>Rounds: round {@code r} increments {@code cluster.q}, {@code cluster.B} (a {@code 'B'}, which wraps at 256)
 *       and element {@code r % 4} of {@code cluster.cells}, each an atomic call.</li>
 *   <li>Sections: under the lock of {@code cluster.pair} ({@code lock()}, which waits), it reads the pair and writes
 *       it back with one unit moved from element 0 to element 1, in two calls: only the lock keeps others from
 *       seeing or making a half-done move. A writer that gets the lock with {@code previousOwnerDied()} true says
 *       so.</li>
 * </ul>
 * Each thread finishes the round or section it is in when stopped, so that its count is exact.
 */
final class ClusterWriter {
    private final SharedLong total;
    private final SharedValue wrapping;
    private final SharedLongArray cells;
    private final SharedLongArray pair;
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong sections = new AtomicLong();
    private final Thread rounder = new Thread(this::makeRounds, "rounds");
    private final Thread sectioner = new Thread(this::makeSections, "sections");
    private volatile boolean stopping;
    /** The round after which to print a progress line, else {@link Long#MAX_VALUE}. */
    private volatile long markAt = Long.MAX_VALUE;
    /** Written by the rounds thread only, read once it has ended. */
    private long longestRoundNanos;

    private ClusterWriter(SharedState state) {
        this.total = state.longValue(ClusterScenario.TOTAL, 0);
        this.wrapping = state.value(ClusterScenario.WRAPPING, 'B', 0);
        this.cells = state.longArray(ClusterScenario.CELLS, ClusterScenario.CELL_COUNT);
        this.pair = state.longArray(ClusterScenario.PAIR, 2);
    }

    /** Creates the keys if they are missing and starts writing. */
    static ClusterWriter start(SharedState state) {
        ClusterWriter writer = new ClusterWriter(state);
        System.out.println("writing: rounds of increments of " + ClusterScenario.TOTAL + ", " + ClusterScenario.WRAPPING
                + " and " + ClusterScenario.CELLS + "[r % " + ClusterScenario.CELL_COUNT + "]; sections that move "
                + "one unit in " + ClusterScenario.PAIR + " under its lock");
        writer.rounder.start();
        writer.sectioner.start();
        return writer;
    }

    /** Prints a {@link ClusterWorker#PROGRESS} line once {@code more} more rounds are acknowledged. */
    void mark(long more) {
        markAt = rounds.get() + more;
    }

    /** Stops both threads after their current round and section, and prints a {@link ClusterWorker#STOPPED} line. */
    void stop() throws InterruptedException {
        stopping = true;
        rounder.join();
        sectioner.join();
        System.out.println(ClusterWorker.STOPPED + rounds.get() + " rounds, " + sections.get() + " sections; "
                + "longest round " + Format.seconds(longestRoundNanos));
    }

    /** Moves one unit from element 0 to element 1 of {@code pair}; the caller holds the pair's lock. */
    static void moveOne(SharedLongArray pair) {
        long[] before = pair.toArray();
        pair.set(0, before[0] - 1);
        pair.set(1, before[1] + 1);
    }

    private void makeRounds() {
        runOrDie(() -> {
            for (long round = 1; !stopping; round++) {
                long start = System.nanoTime();
                total.incrementAndGet();
                wrapping.incrementAndGet();
                cells.incrementAndGet((int) (round % ClusterScenario.CELL_COUNT));
                longestRoundNanos = Math.max(longestRoundNanos, System.nanoTime() - start);
                rounds.set(round);
                if (round >= markAt) {
                    markAt = Long.MAX_VALUE;
                    System.out.println(ClusterWorker.PROGRESS + round + " rounds, " + sections.get() + " sections");
                }
            }
        });
    }

    private void makeSections() {
        runOrDie(() -> {
            while (!stopping) {
                try (SharedLock lock = pair.lock()) {
                    if (lock.previousOwnerDied()) {
                        System.out.println(ClusterWorker.TOOK_OVER + " from a member that died holding it: "
                                + "previousOwnerDied() is true; the pair is " + Arrays.toString(pair.toArray()));
                    }
                    moveOne(pair);
                }
                sections.incrementAndGet();
            }
        });
    }

    /** Runs a writing thread's loop; a failure ends the JVM with status 1, so the launcher sees it at once. */
    private static void runOrDie(Runnable loop) {
        try {
            loop.run();
        } catch (Throwable e) {
            ClusterWorker.fail(e);
            System.exit(1);
        }
    }
}
