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
 * it, for example by {@code kill -9}, a waiter takes it over within a second. The next thread to take the lock
 * explicitly then sees {@link #previousOwnerDied()} and can repair what the dead owner left half-done. The lock
 * does not survive its holder's process; it is not a Chronicle Map lock and holding it never blocks other keys.
 * Reads ({@code get()}, {@code toArray()}) wait for a section in progress; {@code peek()} does not.
 *
 * <p>After the store is closed, every method throws {@link StoreClosedException}.
 */
public interface SharedLock extends AutoCloseable {
    /**
     * Returns the name of the key this lock guards.
     *
     * @return the key's name
     */
    String name();

    /**
     * Acquires the lock, waiting as long as needed; a thread that holds it acquires it again. An interrupt does
     * not end the wait: it stays set for the caller to see. Use {@link #lockInterruptibly()} to be interruptible.
     */
    void lock();

    /**
     * Acquires the lock as {@link #lock()} does, unless the current thread is interrupted before or while it waits.
     *
     * @throws InterruptedException if the thread was interrupted; the interrupt status is then cleared and the lock
     *         is not acquired
     */
    void lockInterruptibly() throws InterruptedException;

    /**
     * Acquires the lock if it becomes free within {@code timeout}.
     *
     * @param timeout how long to wait at most; zero or negative tries once, and still takes over a lock whose owner
     *        died
     * @return whether the lock is now held by the current thread
     */
    boolean tryLock(Duration timeout);

    /**
     * Releases one hold of the lock.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold it
     * @throws LockLostException on a cluster, if the lock was lost while held and no change had said so yet
     */
    void unlock();

    /**
     * Releases the holds taken through this object and not yet released, for try-with-resources. Closing is
     * idempotent: once they are released, closing again does nothing.
     */
    @Override
    void close();

    /**
     * Returns whether the current thread holds the lock.
     *
     * @return true if the current thread holds it at least once
     */
    boolean isHeldByCurrentThread();

    /**
     * Returns how many times the current thread holds the lock.
     *
     * @return the current thread's holds, 0 if it does not hold the lock
     */
    int holdCount();

    /**
     * Returns whether the process that held the lock before the current thread died while holding it in an
     * explicit section (or in the middle of a whole-array change), whoever took the dead owner's lock over. The
     * key's value is then whatever the dead owner left, possibly half of a compound update: repair it before
     * releasing the lock. Reset when the current thread releases its last hold.
     *
     * @return true if the current thread holds the lock and took it over from a dead owner; false if it does not
     *         hold the lock
     */
    boolean previousOwnerDied();
}
