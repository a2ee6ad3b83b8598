package io.sharedstate.testing;

import io.sharedstate.JournalMode;
import io.sharedstate.SharedDoubleArray;
import io.sharedstate.SharedLock;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedLongArray;
import io.sharedstate.SharedState;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The child processes of the multi-process tests: {@code Worker COMMAND DIR ARGS...}. Each prints "ready" once
 * its store is open and its handles attached, and "done" when it finishes.
 */
public final class Worker {
    private static final long WARM_UP = 10_000;

    private Worker() {
    }

    public static void main(String[] args) throws Exception {
        String command = args[0];
        Path dir = Path.of(args[1]);
        if (command.equals("open")) {
            tryOpen(dir);
            return;
        }
        if (command.equals("recover")) {
            System.out.println("recovered " + io.sharedstate.store.StoreMaintenance.recover(dir));
            return;
        }
        try (SharedState state = SharedState.open(dir)) {
            switch (command) {
                case "increment":
                    increment(state, args[2], Long.parseLong(args[3]));
                    break;
                case "increment-element":
                    incrementElement(state, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                            Long.parseLong(args[5]));
                    break;
                case "locked-read-sleep-write":
                    lockedReadSleepWrite(state, args[2], Long.parseLong(args[3]), Long.parseLong(args[4]));
                    break;
                case "crash-worker":
                    crashWorker(state, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
                    break;
                case "hold-lock":
                    holdLock(state, args[2]);
                    break;
                case "idle":
                    ready();
                    Thread.sleep(Long.MAX_VALUE);
                    break;
                case "drain":
                    becomeDrainer(state);
                    ready();
                    Thread.sleep(Long.MAX_VALUE);
                    break;
                case "churn":
                    churn(state, Integer.parseInt(args[2]), Long.parseLong(args[3]));
                    break;
                case "slow-locked-increment":
                    slowLockedIncrement(state, args[2], Long.parseLong(args[3]));
                    break;
                case "watch":
                    watch(state, args[2], Integer.parseInt(args[3]));
                    break;
                case "exit-while-busy":
                    exitWhileBusy(state);
                    break;
                case "remove":
                    System.out.println("removed " + state.remove(args[2]));
                    break;
                case "scribble-array":
                    scribbleArray(state, args[2], Integer.parseInt(args[3]));
                    break;
                case "mixed":
                    mixed(state, Integer.parseInt(args[2]), Long.parseLong(args[3]));
                    break;
                default:
                    throw new IllegalArgumentException("unknown command " + command);
            }
        }
        System.out.println("done");
        System.out.flush();
    }

    /** Opens a store and reports how that went on stdout, so a test can see a failure without a crash. */
    private static void tryOpen(Path dir) {
        try (SharedState state = SharedState.open(dir)) {
            System.out.println("opened " + state.names().size() + " keys");
        } catch (RuntimeException e) {
            System.out.println("failed " + e.getClass().getSimpleName() + ": " + e.getMessage());
            e.printStackTrace();
        }
        System.out.flush();
    }

    private static void ready() {
        System.out.println("ready");
        System.out.flush();
    }

    /** Python: {@code with v.get_lock(): v.value += 1}, N times, without the lock: our increments are atomic. */
    private static void increment(SharedState state, String key, long times) {
        SharedLong value = state.longValue(key, 0);
        ready();
        for (long i = 0; i < times; i++) {
            value.incrementAndGet();
        }
    }

    private static void incrementElement(SharedState state, String key, int length, int index, long times) {
        SharedLongArray array = state.longArray(key, length);
        ready();
        for (long i = 0; i < times; i++) {
            array.incrementAndGet(index);
        }
    }

    /** Sets one element after another of a long array, for ever: a whole-array read never finds it quiet. */
    private static void scribbleArray(SharedState state, String key, int length) {
        SharedLongArray array = state.longArray(key, length);
        ready();
        for (long i = 0; ; i++) {
            array.set((int) (i % length), i);
        }
    }

    /** A compound section that loses updates unless the lock excludes every other process. */
    private static void lockedReadSleepWrite(SharedState state, String key, long times, long sleepMicros)
            throws InterruptedException {
        SharedLong value = state.longValue(key, 0);
        SharedLong inside = state.longValue(key + ".inside", 0);
        SharedLong overlaps = state.longValue(key + ".overlaps", 0);
        ready();
        for (long i = 0; i < times; i++) {
            try (SharedLock lock = value.lock()) {
                if (inside.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                long read = value.get();
                TimeUnit.MICROSECONDS.sleep(sleepMicros);
                value.set(read + 1);
                inside.decrementAndGet();
            }
        }
    }

    /**
     * Increments {@code counter} for ever, acknowledging each increment in its slot of "acks" after it returned,
     * and recording in its slot of "stalls" the longest time (micros) one increment took.
     */
    private static void crashWorker(SharedState state, String counter, int slot, int slots) {
        SharedLong value = state.longValue(counter, 0);
        SharedLongArray acks = state.longArray(counter + ".acks", slots);
        SharedLongArray stalls = state.longArray(counter + ".stalls", slots);
        ready();
        long worst = 0;
        Thread main = Thread.currentThread();
        long[] began = new long[1];
        if (Boolean.getBoolean("debug.stalls")) {
            Thread watchdog = new Thread(() -> {
                while (true) {
                    long b = began[0];
                    if (b != 0 && System.nanoTime() - b > 400_000_000L) {
                        StringBuilder trace = new StringBuilder("STALL " + (System.nanoTime() - b) / 1_000_000 + "ms");
                        for (StackTraceElement e : main.getStackTrace()) {
                            trace.append(" | ").append(e);
                        }
                        System.err.println(trace);
                        try { Thread.sleep(300); } catch (InterruptedException e) { return; }
                    }
                    try { Thread.sleep(50); } catch (InterruptedException e) { return; }
                }
            });
            watchdog.setDaemon(true);
            watchdog.start();
        }
        for (long done = 0; ; done++) {
            long start = System.nanoTime();
            began[0] = start;
            value.incrementAndGet();
            acks.incrementAndGet(slot);
            long took = (System.nanoTime() - start) / 1_000;
            // The first increments include class loading and compilation, not waiting for others.
            if (done > WARM_UP && took > worst) {
                worst = took;
                long recorded = worst;
                stalls.updateAndGet(slot, previous -> Math.max(previous, recorded));
            }
        }
    }

    /** Takes the key's lock, leaves the value half-updated (-1), and waits to be killed. */
    private static void holdLock(SharedState state, String key) throws InterruptedException {
        SharedLong value = state.longValue(key, 0);
        SharedLock lock = value.lock();
        value.set(-1);
        ready();
        Thread.sleep(Long.MAX_VALUE);
        lock.close();
    }

    /** Journals a change, so that this process, finding no drainer, becomes it; returns once it has. */
    private static void becomeDrainer(SharedState state) throws InterruptedException {
        state.longValue("drainer." + ProcessHandle.current().pid(), 0).incrementAndGet();
        int pid = Math.toIntExact(ProcessHandle.current().pid());
        while (state.statistics().journal().drainerPid() != pid) {
            Thread.sleep(1);
        }
    }

    /**
     * Creates, changes, locks and removes keys {@code churn.0} to {@code churn.<keys-1>} at random, for ever or
     * {@code operations} times; counts what it did in {@code churn.ops.<pid>} (journal off), so a test can see it
     * make progress.
     */
    private static void churn(SharedState state, int keys, long operations) {
        Random random = new Random();
        SharedLong progress = state.withJournal(JournalMode.OFF).longValue("churn.ops." + ProcessHandle.current().pid(),
                0);
        ready();
        for (long i = 0; operations < 0 || i < operations; i++) {
            String name = "churn." + random.nextInt(keys);
            try {
                switch (random.nextInt(5)) {
                    case 0:
                        state.remove(name);
                        break;
                    case 1:
                        try (SharedLock lock = state.lock(name)) {
                            SharedLong value = state.longValue(name, 0);
                            value.set(value.get() + 1);
                        }
                        break;
                    case 2:
                        state.longArray(name + ".a", 4).incrementAndGet(random.nextInt(4));
                        break;
                    default:
                        state.longValue(name, 0).incrementAndGet();
                }
            } catch (io.sharedstate.NoSuchKeyException | io.sharedstate.KeyRemovedException
                     | io.sharedstate.TypeMismatchException expected) {
                // another process removed or re-created the key meanwhile
            }
            progress.incrementAndGet();
        }
    }

    /**
     * A compound section that only works if nobody else gets the lock meanwhile: lock, read, sleep, write read + 1.
     * Prints "locked" once it holds the lock and "wrote N" after the write.
     */
    private static void slowLockedIncrement(SharedState state, String key, long sleepMillis)
            throws InterruptedException {
        SharedLong value = state.longValue(key, 0);
        try (SharedLock lock = value.lock()) {
            long read = value.get();
            System.out.println("locked previousOwnerDied=" + lock.previousOwnerDied());
            System.out.flush();
            Thread.sleep(sleepMillis);
            value.set(read + 1);
            System.out.println("wrote " + (read + 1));
            System.out.flush();
        }
    }

    /** Prints every change to keys starting with {@code prefix}, one line each, until {@code count} arrived. */
    private static void watch(SharedState state, String prefix, int count) throws InterruptedException {
        java.util.concurrent.CountDownLatch seen = new java.util.concurrent.CountDownLatch(count);
        try (io.sharedstate.Subscription subscription = state.watchPrefix(prefix, event -> {
            System.out.println("event " + event.sequence() + " " + event.pid() + " " + event.key() + " "
                    + event.operation() + " " + event.values());
            seen.countDown();
        })) {
            ready();
            if (!seen.await(2, TimeUnit.MINUTES)) {
                System.out.println("timeout");
            }
        }
        System.out.flush();
    }

    /** Calls System.exit while another thread is incrementing through a handle. */
    private static void exitWhileBusy(SharedState state) throws InterruptedException {
        SharedLong value = state.longValue("busy", 0);
        Thread busy = new Thread(() -> {
            while (true) {
                value.incrementAndGet();
            }
        });
        busy.setDaemon(true);
        busy.start();
        Thread.sleep(300);
        System.exit(0);
    }

    /** Mixed operations over a few keys, for journal replay tests. */
    private static void mixed(SharedState state, int seed, long operations) {
        Random random = new Random(seed);
        SharedLong counter = state.longValue("mixed.counter", 0);
        SharedLongArray slots = state.longArray("mixed.slots", 8);
        SharedDoubleArray gauges = state.doubleArray("mixed.gauges", 4);
        SharedLong own = state.withJournal(JournalMode.ON).longValue("mixed.own." + seed, 0);
        ready();
        for (long i = 0; i < operations; i++) {
            switch (random.nextInt(6)) {
                case 0:
                    counter.addAndGet(random.nextInt(10) - 3);
                    break;
                case 1:
                    slots.incrementAndGet(random.nextInt(8));
                    break;
                case 2:
                    slots.set(random.nextInt(8), random.nextInt(1000));
                    break;
                case 3:
                    gauges.addAndGet(random.nextInt(4), 0.5);
                    break;
                case 4:
                    own.compareAndSet(own.get(), random.nextInt(100));
                    break;
                default:
                    if (random.nextInt(100) == 0) {
                        slots.fill(random.nextInt(5));
                    } else {
                        counter.incrementAndGet();
                    }
            }
        }
    }
}
