package io.sharedstate.demo;

import io.sharedstate.SharedLock;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedLongArray;
import io.sharedstate.SharedState;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The child process of the {@code crash} scenario: {@code CrashWorker DIR SLOT SLOTS}. Until {@code crash.stop} is
 * set, it does, at random, one of the kinds of work a service does, each followed by an acknowledgement in its own
 * slot, so that the launcher can tell work done from work lost:
 * <ul>
 *   <li>an atomic increment of {@code crash.counter}, acknowledged in {@code crash.acks};</li>
 *   <li>an explicit section, Python's {@code with v.get_lock(): v.value += 1}: it locks the counter, reads it,
 *       writes what it read plus one and acknowledges in {@code crash.acks} before it unlocks;</li>
 *   <li>an increment of a random element of {@code crash.cells}, acknowledged in {@code crash.cell-acks};</li>
 *   <li>a set of its own element of {@code crash.marks}, read back at once;</li>
 *   <li>key churn: it creates {@code crash.tmp.SLOT.N}, increments it, reads it back and removes it.</li>
 * </ul>
 * After a warm-up it times each piece of work and keeps the longest in its slot of {@code crash.stalls}, in
 * microseconds: the longest it was held up, for example by a lock whose owner the launcher had just killed. A read
 * back that disagrees fails the worker. The launcher may kill it at any moment with {@code kill -9}.
 */
public final class CrashWorker {
    /** Pieces of work before timing starts: class loading and JIT compilation are not stalls. */
    private static final long WARM_UP = 20_000;

    private final SharedState state;
    private final int slot;
    private final SharedLong counter;
    private final SharedLongArray acks;
    private final SharedLongArray cells;
    private final SharedLongArray cellAcks;
    private final SharedLongArray marks;
    private long churned;

    private CrashWorker(SharedState state, int slot, int slots) {
        this.state = state;
        this.slot = slot;
        this.counter = state.longValue(CrashScenario.COUNTER);
        this.acks = state.longArray(CrashScenario.ACKS, slots);
        this.cells = state.longArray(CrashScenario.CELLS, CrashScenario.CELL_COUNT);
        this.cellAcks = state.longArray(CrashScenario.CELL_ACKS, slots);
        this.marks = state.longArray(CrashScenario.MARKS, slots);
    }

    /** Runs the worker; see the class description. */
    public static void main(String[] args) {
        WorkerMain.run(args, CrashWorker::run);
    }

    private static void run(SharedState state, String[] args) {
        int slot = Integer.parseInt(args[0]);
        int slots = Integer.parseInt(args[1]);
        CrashWorker worker = new CrashWorker(state, slot, slots);
        SharedLongArray stalls = state.longArray(CrashScenario.STALLS, slots);
        SharedLong stop = state.longValue(CrashScenario.STOP);
        long worst = 0;
        for (long done = 0; stop.get() == 0; done++) {
            long start = System.nanoTime();
            worker.doSomeWork(done);
            long took = System.nanoTime() - start;
            if (done >= WARM_UP && took > worst) {
                worst = took;
                stalls.set(slot, TimeUnit.NANOSECONDS.toMicros(worst));
            }
        }
    }

    /** Does one piece of work, chosen at random so that kills land in every kind: see the class description. */
    private void doSomeWork(long done) {
        int kind = ThreadLocalRandom.current().nextInt(16);
        if (kind < 6) {
            counter.incrementAndGet();
            acks.incrementAndGet(slot);
        } else if (kind < 9) {
            incrementInASection();
        } else if (kind < 12) {
            cells.incrementAndGet(ThreadLocalRandom.current().nextInt(CrashScenario.CELL_COUNT));
            cellAcks.incrementAndGet(slot);
        } else if (kind < 15) {
            marks.set(slot, done);
            expect(marks.get(slot), done, CrashScenario.MARKS + "[" + slot + "]");
        } else {
            churnAKey();
        }
    }

    private void incrementInASection() {
        SharedLock lock = counter.lock();
        try {
            counter.set(counter.get() + 1);
            acks.incrementAndGet(slot);
        } finally {
            lock.unlock();
        }
    }

    private void churnAKey() {
        String name = CrashScenario.CHURN_PREFIX + slot + "." + churned++;
        SharedLong key = state.longValue(name, 0);
        key.incrementAndGet();
        expect(key.get(), 1, name);
        if (!state.remove(name)) {
            throw new IllegalStateException(name + " was created by this worker but was gone before it removed it");
        }
    }

    private static void expect(long actual, long expected, String key) {
        if (actual != expected) {
            throw new IllegalStateException(key + " read back " + actual + " right after this worker wrote "
                    + expected);
        }
    }
}
