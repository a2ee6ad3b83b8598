package io.sharedstate.lock;

/** How an attempt to take a lock word ended. */
public enum LockOutcome {
    /** The lock was free and is now held by the caller. */
    ACQUIRED,
    /** The lock was held by a dead process and is now held by the caller. */
    RECOVERED,
    /** The calling thread already held the lock. */
    NESTED,
    /** The key was removed; its lock word will never be free again. */
    REMOVED,
    /** The timeout elapsed while a live owner held the lock. */
    TIMED_OUT,
    /** The waiting thread was interrupted (interruptible waits only); the interrupt status is cleared. */
    INTERRUPTED,
    /** The store was closed while waiting. */
    CLOSED
}
