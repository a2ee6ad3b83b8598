package io.sharedstate.cluster;

import io.sharedstate.ChangeEvent;
import io.sharedstate.LockLostException;
import io.sharedstate.SharedLock;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedLongArray;
import io.sharedstate.SharedState;
import io.sharedstate.SharedValue;
import io.sharedstate.Subscription;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cluster member or client in a JVM of its own, for the tests that kill members with kill -9. Usage:
 * {@code ClusterProcess <member DIR INDEX INITIAL | client> <scenario> [args]}. It prints READY once it serves, then
 * runs the scenario; {@code serve} waits until killed.
 */
public final class ClusterProcess {
    private ClusterProcess() {
    }

    public static void main(String[] args) throws Exception {
        int next;
        SharedClusterBuilder builder;
        if (args[0].equals("member")) {
            builder = TestClusters.member(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            next = 4;
        } else {
            builder = TestClusters.client();
            next = 1;
        }
        try (SharedState state = builder.open()) {
            System.out.println("READY");
            String scenario = args[next];
            switch (scenario) {
                case "serve":
                    break;
                case "write":
                    write(state, args[next + 1], Integer.parseInt(args[next + 2]),
                            args.length > next + 3 ? Integer.parseInt(args[next + 3]) : -1);
                    break;
                case "watch":
                    watch(state);
                    break;
                case "hold":
                    hold(state);
                    break;
                case "take":
                    take(state);
                    break;
                case "lose":
                    lose(state);
                    break;
                case "exclusive":
                    exclusive(state, Integer.parseInt(args[next + 1]));
                    break;
                case "fill":
                    fill(state);
                    break;
                default:
                    throw new IllegalArgumentException("unknown scenario " + scenario);
            }
            System.out.println("DONE");
            new BufferedReader(new InputStreamReader(System.in)).readLine();
        }
        System.exit(0);
    }

    /**
     * Increments a 'q', a wrapping 'B', a 'd', array elements and an updateAndGet counter; prints each ack. In call
     * {@code pauseAt} of updateAndGet, the function says INSIDE and waits until a server member has left the cluster
     * (the test kills the key's primary then), so that the call's transaction fails after its function ran.
     */
    private static void write(SharedState state, String writer, int ops, int pauseAt) {
        SharedLong total = state.longValue("t.q");
        SharedValue wrapping = state.value("t.B", 'B', 0);
        SharedValue real = state.value("t.d", 'd', 0.0);
        SharedLongArray elements = state.longArray("t.arr", 4);
        SharedLong updated = state.longValue("t.upd");
        AtomicLong runs = new AtomicLong();
        for (int i = 1; i <= ops; i++) {
            total.incrementAndGet();
            wrapping.incrementAndGet();
            real.addAndGet(0.5);
            elements.incrementAndGet(i % 4);
            int call = i;
            updated.updateAndGet(value -> {
                runs.incrementAndGet();
                if (call == pauseAt) {
                    System.out.println("INSIDE");
                    awaitServers(state, 2);
                }
                return value + 1;
            });
            System.out.println("ack " + writer + " " + i);
        }
        System.out.println("runs " + writer + " " + runs.get());
    }

    private static void awaitServers(SharedState state, int count) {
        while (((ClusterSharedState) state).ignite().cluster().forServers().nodes().size() != count) {
            Thread.onSpinWait();
        }
    }

    /**
     * Watches the keys under "t." until "t.stop" is created; prints, per key, the events seen, the first and last
     * version and how many arrived twice or out of order.
     */
    private static void watch(SharedState state) throws InterruptedException {
        Map<String, long[]> seen = new TreeMap<>();
        CountDownLatch stop = new CountDownLatch(1);
        try (Subscription ignored = state.watchPrefix("t.", event -> {
            if (event.key().equals("t.stop")) {
                stop.countDown();
                return;
            }
            long[] key = seen.computeIfAbsent(event.key(), k -> new long[] {0, event.sequence(), 0, 0});
            key[0]++;
            if (key[2] != 0 && event.sequence() != key[2] + 1) {
                key[3]++;
            }
            key[2] = event.sequence();
        })) {
            System.out.println("WATCHING");
            stop.await();
        }
        seen.forEach((key, counts) -> System.out.println("watched " + key + " " + counts[0] + " " + counts[1] + " "
                + counts[2] + " " + counts[3]));
    }

    /** Locks "acct", changes "acct.a" (a compound section), says so, and holds the lock until killed. */
    private static void hold(SharedState state) throws InterruptedException {
        SharedLong account = state.longValue("acct", 0);
        SharedLong a = state.longValue("acct.a", 0);
        SharedLock lock = account.lock();
        account.set(100);
        a.set(1);
        System.out.println("HOLDING");
        Thread.sleep(Long.MAX_VALUE);
        lock.close();
    }

    /**
     * Holds "acct"'s lock and adds 1 to it every 50 ms, until a change says the lock was lost (the test pauses this
     * process until the cluster drops it); prints LOST, then how unlocking went.
     */
    private static void lose(SharedState state) throws InterruptedException {
        SharedLong account = state.longValue("acct", 0);
        state.longValue("acct.a", 0).set(1);
        SharedLock lock = account.lock();
        account.set(100);
        System.out.println("HOLDING");
        try {
            while (true) {
                Thread.sleep(50);
                account.addAndGet(1);
            }
        } catch (LockLostException e) {
            System.out.println("LOST " + e.getMessage());
        }
        try {
            lock.unlock();
            System.out.println("UNLOCKED held=" + lock.isHeldByCurrentThread());
        } catch (RuntimeException e) {
            System.out.println("UNLOCK FAILED " + e);
        }
    }

    /** Waits for "acct"'s lock; prints when it got it (epoch millis), whether its owner died, and the values. */
    private static void take(SharedState state) {
        SharedLong account = state.longValue("acct", 0);
        System.out.println("WAITING");
        try (SharedLock lock = account.lock()) {
            long at = System.currentTimeMillis();
            System.out.println("took " + at + " " + lock.previousOwnerDied() + " " + account.get() + " "
                    + state.longValue("acct.a").get());
        }
    }

    /** Adds 1 to "x" by a read and a write under its lock, {@code rounds} times, nesting the lock once. */
    private static void exclusive(SharedState state, int rounds) {
        SharedLong x = state.longValue("x", 0);
        for (int i = 0; i < rounds; i++) {
            try (SharedLock outer = x.lock(); SharedLock inner = state.lock("x")) {
                if (inner.holdCount() != 2) {
                    throw new AssertionError("hold count " + inner.holdCount());
                }
                long read = x.get();
                Thread.yield();
                x.set(read + 1);
            }
        }
    }

    /** Creates a key of every typecode, scalars and arrays, with values away from zero. */
    private static void fill(SharedState state) {
        String codes = "bBhHiIlLqQfdcu?";
        for (char code : codes.toCharArray()) {
            state.value("k." + code, code, code == '?' ? 1 : 7).set(code == '?' ? 1 : 5);
            state.array("a." + code, code, 3).set(1, code == '?' ? 1 : 9);
        }
        state.doubleArray("a.doubles", 1.5, 2.5).addAndGet(0, 1.0);
    }
}
