package io.sharedstate.demo;

import io.sharedstate.SharedLock;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedLongArray;
import io.sharedstate.SharedState;

import java.util.concurrent.TimeUnit;

/**
 * The child process of the {@code crash} scenario: {@code CrashWorker DIR SLOT SLOTS}. Until {@code crash.stop} is
 * set, it takes the lock of {@code crash.counter}, adds one to it, acknowledges that completed increment in its own
 * slot of {@code crash.acks}, and releases the lock, as Python's {@code with v.get_lock(): v.value += 1;
 * acks[slot] += 1} does. The workers thus hold or wait for that lock nearly all the time, and a kill often lands
 * while the victim holds it. After a warm-up it times each increment-and-acknowledge and keeps the longest in its slot of
 * {@code crash.stalls}, in microseconds: the longest it was held up, for example by a lock whose owner the
 * launcher had just killed. The launcher may kill it at any moment with {@code kill -9}.
 */
public final class CrashWorker {
    /** Increments before timing starts: class loading and JIT compilation are not stalls. */
    private static final long WARM_UP = 20_000;

    private CrashWorker() {
    }

    /** Runs the worker; see the class description. */
    public static void main(String[] args) {
        WorkerMain.run(args, CrashWorker::run);
    }

    private static void run(SharedState state, String[] args) {
        int slot = Integer.parseInt(args[0]);
        int slots = Integer.parseInt(args[1]);
        SharedLong counter = state.longValue(CrashScenario.COUNTER);
        SharedLongArray acks = state.longArray(CrashScenario.ACKS, slots);
        SharedLongArray stalls = state.longArray(CrashScenario.STALLS, slots);
        SharedLong stop = state.longValue(CrashScenario.STOP);
        long worst = 0;
        for (long done = 0; stop.get() == 0; done++) {
            long start = System.nanoTime();
            SharedLock lock = counter.lock();
            try {
                counter.incrementAndGet();
                acks.incrementAndGet(slot);
            } finally {
                lock.unlock();
            }
            long took = System.nanoTime() - start;
            if (done >= WARM_UP && took > worst) {
                worst = took;
                stalls.set(slot, TimeUnit.NANOSECONDS.toMicros(worst));
            }
        }
    }
}
