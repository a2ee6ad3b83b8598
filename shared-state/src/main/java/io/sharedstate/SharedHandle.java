package io.sharedstate;

/**
 * What every handle to a key has: its name, type, lock and description.
 *
 * <p>A handle points straight into the store's mapped file; it is thread-safe, cheap to keep, and the fast
 * way to operate on a key. Every operation on it is atomic with respect to every other operation on the same
 * key, from any thread of any process. A handle whose key is removed throws {@link KeyRemovedException}; a
 * handle of a closed store throws {@link StoreClosedException}.
 */
public interface SharedHandle {
    /**
     * Returns the key's name.
     *
     * @return the name the key was created with
     */
    String name();

    /**
     * Returns the type of the key's value or elements.
     *
     * @return the type, fixed when the key was created
     */
    TypeCode typecode();

    /**
     * Acquires the key's lock, waiting as long as another thread or process holds it, and returns it for use
     * in try-with-resources; Python's {@code with v.get_lock():}. See {@link SharedLock}.
     *
     * @return the lock, held by the current thread
     */
    SharedLock lock();

    /**
     * As {@link #lock()}, but gives up if the current thread is interrupted while waiting; {@link #lock()} keeps
     * waiting and leaves the interrupt status set.
     *
     * @return the lock, held by the current thread
     * @throws InterruptedException if the thread was interrupted before or while waiting; the lock is not held
     */
    SharedLock lockInterruptibly() throws InterruptedException;

    /**
     * Returns a description of the key as it is now.
     *
     * @return a snapshot of the key's type, length, creation, last writer, journal setting and lock
     */
    KeyInfo info();

    /**
     * Returns whether the key this handle was made for still exists: false once it was removed, even if a key of
     * the same name was created since (use {@code reattach()} to get a handle to that one).
     *
     * @return whether this handle's key still exists
     * @throws StoreClosedException if the store this handle came from was closed
     */
    boolean isValid();
}
