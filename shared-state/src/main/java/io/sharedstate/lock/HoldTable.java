package io.sharedstate.lock;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The explicit lock holds of this process, by lock word address: which thread holds which lock in a
 * {@code SharedLock} section. Lock tokens carry only the low bits of a thread's id, so two threads of one process
 * can make the same token; this table, not the token, says whether the current thread holds a lock, so a thread
 * never mistakes another's section for its own.
 */
public final class HoldTable {
    private final ConcurrentMap<Long, Thread> owners = new ConcurrentHashMap<>();

    /** Returns whether the current thread holds the lock at {@code address} in an explicit section. */
    public boolean isHeldByCurrentThread(long address) {
        return owners.get(address) == Thread.currentThread();
    }

    /** Records that the current thread took the lock at {@code address} for an explicit section. */
    public void add(long address) {
        owners.put(address, Thread.currentThread());
    }

    /** Records that the current thread released its last explicit hold of the lock at {@code address}. */
    public void remove(long address) {
        owners.remove(address, Thread.currentThread());
    }

    /** Returns how many explicit sections this process's threads hold. */
    public int size() {
        return owners.size();
    }
}
