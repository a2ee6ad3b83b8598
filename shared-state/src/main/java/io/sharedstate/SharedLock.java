package io.sharedstate;

import java.time.Duration;

/**
 * A key's lock, held across processes; Python's {@code get_lock()}. While one thread holds it, every
 * operation on the key from any other thread or process waits, so a compound section such as
 * <pre>{@code
 * try (SharedLock lock = state.lock("balance")) {
 *     balance.set(balance.get() - amount);
 *     audit.incrementAndGet();      // another key: not covered by this lock
 * }
 * }</pre>
 * is atomic with respect to every other operation on {@code "balance"}. The lock is reentrant within a thread.
 *
 * <p>The lock is robust: it records its owner (process and thread), so when the owning process dies holding
 * it, for example by {@code kill -9}, a waiter takes it over within a second. The new owner then sees
 * {@link #previousOwnerDied()} and can repair what the dead owner left half-done. The lock does not survive
 * its holder's process; it is not a Chronicle Map lock and holding it never blocks other keys.
 */
public interface SharedLock extends AutoCloseable {
    /** Returns the name of the key this lock guards. */
    String name();

    /** Acquires the lock, waiting as long as needed; a thread that holds it acquires it again. */
    void lock();

    /**
     * Acquires the lock if it becomes free within {@code timeout}.
     *
     * @return whether the lock is now held by the current thread
     */
    boolean tryLock(Duration timeout);

    /**
     * Releases one hold of the lock.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold it
     */
    void unlock();

    /** Releases one hold of the lock; the same as {@link #unlock()}, for try-with-resources. */
    @Override
    void close();

    /** Returns whether the current thread holds the lock. */
    boolean isHeldByCurrentThread();

    /** Returns how many times the current thread holds the lock, 0 if it does not. */
    int holdCount();

    /**
     * Returns whether the current thread took this lock over from a process that died while holding it. The
     * key's value is then whatever the dead owner left, possibly half of a compound update. Reset when the
     * current thread releases its last hold.
     */
    boolean previousOwnerDied();
}
