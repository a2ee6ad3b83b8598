package io.sharedstate.cluster;

import io.sharedstate.ChangeEvent.Operation;
import io.sharedstate.KeyRemovedException;
import io.sharedstate.LockLostException;
import io.sharedstate.NoSuchKeyException;
import io.sharedstate.TypeCode;
import io.sharedstate.internal.CurrentProcess;
import io.sharedstate.internal.MicrosClock;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteClientDisconnectedException;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.transactions.Transaction;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.apache.ignite.transactions.TransactionConcurrency.PESSIMISTIC;
import static org.apache.ignite.transactions.TransactionIsolation.REPEATABLE_READ;

/**
 * Every change to a key is one pessimistic transaction on the key's entry and its journal record (the record is
 * placed on the same members as the entry): committed together or not at all, on the primary and its backups.
 * A call that fails because a member left is tried again ({@link ClusterRetry}); before it applies its change a
 * second time it looks in the key's journal for its own operation id, so an acknowledged change is applied once.
 * A key whose explicit lock another live thread holds makes changes wait; a lock whose node has left the cluster is
 * taken over.
 */
final class KeyTransactions {
    /** What a locked attempt returns when the key's lock belongs to another live thread: try again later. */
    private static final Object BUSY = new Object();

    private final Ignite ignite;
    private final IgniteCache<String, StoredValue> values;
    private final IgniteCache<JournalKey, JournalRecord> journal;
    private final int pid = CurrentProcess.pid();
    private final MicrosClock clock = MicrosClock.system();
    private final ClusterRetry retry;
    private final long transactionTimeoutMillis;
    private volatile UUID lastNode;

    KeyTransactions(Ignite ignite, ClusterCaches caches, ClusterRetry retry, Duration transactionTimeout) {
        this.ignite = ignite;
        this.values = caches.values();
        this.journal = caches.journal();
        this.retry = retry;
        this.transactionTimeoutMillis = transactionTimeout.toMillis();
        this.lastNode = ignite.cluster().localNode().id();
    }

    // ---- reads

    /**
     * Returns the key's committed entry; with {@code waitForSection}, once no other live thread holds its explicit
     * lock, so that a reader never sees a compound section half done.
     */
    StoredValue read(String name, long generation, boolean waitForSection) {
        IdleStrategy idle = idleStrategy();
        while (true) {
            StoredValue current = retry.get(() -> values.get(name));
            requireSameKey(name, generation, current);
            if (!waitForSection || !lockedByOtherLiveThread(current.owner())) {
                return current;
            }
            idle.idle();
        }
    }

    /** Returns the key's committed entry, or null. */
    StoredValue find(String name) {
        return retry.get(() -> values.get(name));
    }

    // ---- creation and removal

    /** Returns the entry of {@code name}, creating it with {@code initial} if it does not exist. */
    StoredValue findOrCreate(String name, TypeCode type, boolean array, long[] initial) {
        StoredValue existing = find(name);
        if (existing != null) {
            return existing;
        }
        return retry.get(() -> {
            try (Transaction tx = begin()) {
                StoredValue current = values.get(name);
                if (current == null) {
                    current = StoredValue.created(type, array, initial, newGeneration(), System.currentTimeMillis(),
                            pid);
                    values.put(name, current);
                    journal.put(new JournalKey(name, current.generation(), 1),
                            record(Operation.CREATE, type, array, -1, initial, null, null));
                }
                tx.commit();
                return current;
            }
        });
    }

    /**
     * Removes {@code name}, waiting as a change does while another live thread holds its explicit lock; returns false
     * if it did not exist.
     */
    boolean remove(String name) {
        UUID operation = UUID.randomUUID();
        long[] read = {-1, 0};
        Supplier<Object> attempt = () -> retry.get(() -> {
            try (Transaction tx = begin()) {
                StoredValue current = values.get(name);
                if (read[0] >= 0 && applied(name, read[1], read[0], operation)) {
                    return Boolean.TRUE;
                }
                if (current == null) {
                    return Boolean.FALSE;
                }
                if (lockedByOtherLiveThread(current.owner())) {
                    return BUSY;
                }
                read[0] = current.version();
                read[1] = current.generation();
                values.remove(name);
                journal.put(new JournalKey(name, current.generation(), current.version() + 1),
                        record(Operation.REMOVE, current.type(), current.isArray(), -1, new long[0], null, operation));
                tx.commit();
                return Boolean.TRUE;
            }
        });
        return (Boolean) awaitNotBusy(attempt, Long.MAX_VALUE, false);
    }

    // ---- changes

    /**
     * Applies {@code change} to the key once, waiting while another live thread holds its explicit lock; if
     * {@code lockHeld}, the current thread holds it, and the change is refused if the lock is no longer its own.
     */
    Effect change(String name, long generation, Change change, boolean lockHeld) {
        Attempt attempt = new Attempt(name, generation, change, false, lockHeld);
        return (Effect) awaitNotBusy(() -> retry.get(attempt::run), Long.MAX_VALUE, false);
    }

    /**
     * Applies a change that runs a caller's function, which must run once per call even when a member's failure
     * rolls the change back: the key's explicit lock is taken first (unless the thread holds it), so that nobody
     * else changes the key until the change commits, and a retry finds the version the function saw and reuses its
     * result. The commit that writes the result also frees the lock.
     */
    Effect changeUnderLock(String name, long generation, Change change, boolean lockHeld) {
        if (lockHeld) {
            return change(name, generation, change, true);
        }
        try {
            acquire(name, generation, Long.MAX_VALUE, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
        Attempt attempt = new Attempt(name, generation, change, true, true);
        try {
            return (Effect) awaitNotBusy(() -> retry.get(attempt::run), Long.MAX_VALUE, false);
        } catch (RuntimeException | Error e) {
            release(name);
            throw e;
        }
    }

    /** One call's transaction, tried again as a whole after a member failure. */
    private final class Attempt {
        private final String name;
        private final long generation;
        private final Change change;
        private final boolean releaseLock;
        private final boolean lockHeld;
        private final UUID operation = UUID.randomUUID();
        private long readVersion = -1;
        private Effect computed;

        Attempt(String name, long generation, Change change, boolean releaseLock, boolean lockHeld) {
            this.name = name;
            this.generation = generation;
            this.change = change;
            this.releaseLock = releaseLock;
            this.lockHeld = lockHeld;
        }

        Object run() {
            try (Transaction tx = begin()) {
                StoredValue current = values.get(name);
                if (readVersion >= 0 && applied(name, generation, readVersion, operation)) {
                    return computed;
                }
                requireSameKey(name, generation, current);
                if (lockHeld && !isOwnedByCurrentThread(current)) {
                    throw lockLost(name, "a change was refused");
                }
                current = takeOverIfOwnerDied(name, current, null);
                if (current == null) {
                    return BUSY;
                }
                if (computed == null || current.version() != readVersion) {
                    computed = change.apply(current);
                    readVersion = current.version();
                }
                if (computed.writes()) {
                    StoredValue next = current.changed(computed.newValues(), pid);
                    values.put(name, releaseLock ? next.ownedBy(null) : next);
                    journal.put(new JournalKey(name, generation, next.version()),
                            record(computed.operation(), current.type(), current.isArray(), computed.index(),
                                    computed.journaled(), computed.delta(), operation));
                } else if (releaseLock) {
                    values.put(name, current.ownedBy(null));
                }
                tx.commit();
                return computed;
            }
        }
    }

    // ---- explicit locks

    /**
     * Takes the key's explicit lock for the current thread, waiting until {@code deadlineNanos} at most.
     *
     * @return whether the previous holder's node had died, or null if the deadline passed first
     */
    Boolean acquire(String name, long generation, long deadlineNanos, boolean interruptible)
            throws InterruptedException {
        long thread = Thread.currentThread().getId();
        long since = System.currentTimeMillis();
        Supplier<Object> attempt = () -> retry.get(() -> {
            LockOwner me = new LockOwner(node(), thread, pid, since);
            try (Transaction tx = begin()) {
                StoredValue current = values.get(name);
                requireSameKey(name, generation, current);
                LockOwner owner = current.owner();
                if (owner != null && owner.isThread(me.node(), me.thread())) {
                    return Boolean.FALSE;
                }
                boolean ownerDied = owner != null && !isAlive(owner);
                StoredValue next = takeOverIfOwnerDied(name, current, me);
                if (next == null) {
                    return BUSY;
                }
                if (!ownerDied) {
                    values.put(name, current.ownedBy(me));
                }
                tx.commit();
                return ownerDied;
            }
        });
        try {
            return (Boolean) awaitNotBusy(attempt, deadlineNanos, interruptible);
        } catch (InterruptedWait e) {
            throw new InterruptedException("interrupted while waiting for the lock of key \"" + name + "\"");
        }
    }

    /** Frees the key's explicit lock if the current thread holds it; returns whether it did. */
    boolean release(String name) {
        long thread = Thread.currentThread().getId();
        return retry.get(() -> {
            try (Transaction tx = begin()) {
                StoredValue current = values.get(name);
                if (current == null || current.owner() == null || !current.owner().isThread(node(), thread)) {
                    return false;
                }
                values.put(name, current.ownedBy(null));
                tx.commit();
                return true;
            }
        });
    }

    /**
     * The id of this process's node now: a client that the cluster dropped (it was paused, or cut off, for longer
     * than failure detection) joins again as a new node, and the locks it held under its old id are dead to all.
     */
    private UUID node() {
        try {
            UUID now = ignite.cluster().localNode().id();
            lastNode = now;
            return now;
        } catch (IgniteClientDisconnectedException e) {
            // Out of touch: no transaction can run until it joins again, under the id it will get then.
            return lastNode;
        }
    }

    private boolean isOwnedByCurrentThread(StoredValue current) {
        return current.owner() != null && current.owner().isThread(node(), Thread.currentThread().getId());
    }

    /** The exception for a lock the current thread held and lost; {@code outcome} says what that stopped. */
    LockLostException lockLost(String name, String outcome) {
        return new LockLostException("the lock of key \"" + name + "\" was lost while this thread held it: this "
                + "process was out of touch with the cluster for longer than its failure detection allows (paused, "
                + "or cut off by the network), so the cluster dropped it and freed its locks; " + outcome + ". The "
                + "section was not exclusive from then on: take the lock again and redo it");
    }

    /** Whether the holder of a lock is alive: its node is in the topology. Unknown nodes are taken as alive. */
    boolean isAlive(LockOwner owner) {
        return owner.node().equals(node()) || ignite.cluster().node(owner.node()) != null;
    }

    boolean lockedByOtherLiveThread(LockOwner owner) {
        return owner != null && !owner.isThread(node(), Thread.currentThread().getId()) && isAlive(owner);
    }

    /**
     * Inside a transaction that holds the key: returns the entry to change, its lock taken over (by {@code newOwner},
     * or freed) if its holder's node died, with a LOCK_RECOVERED record; returns null if a live thread holds it.
     */
    private StoredValue takeOverIfOwnerDied(String name, StoredValue current, LockOwner newOwner) {
        LockOwner owner = current.owner();
        if (owner == null || owner.isThread(node(), Thread.currentThread().getId())) {
            return current;
        }
        if (isAlive(owner)) {
            return null;
        }
        StoredValue recovered = current.recoveredBy(newOwner);
        values.put(name, recovered);
        journal.put(new JournalKey(name, current.generation(), recovered.version()),
                record(Operation.LOCK_RECOVERED, current.type(), current.isArray(), -1, current.values(), null,
                        null));
        ClusterLog.LOG.warn("took over the lock of key \"{}\" from pid {} on node {}, which left the cluster while "
                + "holding it", name, owner.pid(), owner.node());
        return recovered;
    }

    // ---- helpers

    /** Whether a change with {@code operation} id was committed after {@code version}: its record says so. */
    private boolean applied(String name, long generation, long version, UUID operation) {
        for (long next = version + 1; ; next++) {
            JournalRecord record = journal.get(new JournalKey(name, generation, next));
            if (record == null) {
                return false;
            }
            if (operation.equals(record.operationId())) {
                return true;
            }
        }
    }

    private Object awaitNotBusy(Supplier<Object> attempt, long deadlineNanos, boolean interruptible) {
        IdleStrategy idle = idleStrategy();
        while (true) {
            Object outcome = attempt.get();
            if (outcome != BUSY) {
                return outcome;
            }
            if (interruptible && Thread.interrupted()) {
                throw new InterruptedWait();
            }
            if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos >= 0) {
                return null;
            }
            idle.idle();
        }
    }

    private Transaction begin() {
        return ignite.transactions().txStart(PESSIMISTIC, REPEATABLE_READ, transactionTimeoutMillis, 2);
    }

    private JournalRecord record(Operation operation, TypeCode type, boolean array, int index, long[] journaled,
                                 Long delta, UUID operationId) {
        return new JournalRecord(clock.nowMicros(), pid, operation, type, array, index, journaled, delta,
                operationId);
    }

    private static void requireSameKey(String name, long generation, StoredValue current) {
        if (current == null || current.generation() != generation) {
            throw new KeyRemovedException("key \"" + name + "\" was removed"
                    + (current == null ? "" : " and created again") + "; attach to it again with reattach()");
        }
    }

    static NoSuchKeyException noSuchKey(String name) {
        return new NoSuchKeyException("no key named \"" + name + "\" in the cluster");
    }

    private static long newGeneration() {
        long generation;
        do {
            generation = ThreadLocalRandom.current().nextLong();
        } while (generation == 0);
        return generation;
    }

    /** Polls a busy key: spins briefly, then parks up to 10 ms between looks, as a lock holder may take long. */
    private static IdleStrategy idleStrategy() {
        return new BackoffIdleStrategy(10, 10, TimeUnit.MICROSECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(10));
    }

    /** Thrown out of a wait when the waiting thread is interrupted. */
    private static final class InterruptedWait extends RuntimeException {
        InterruptedWait() {
            super(null, null, false, false);
        }
    }
}
