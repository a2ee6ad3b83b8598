package io.sharedstate.lock;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.util.HashMap;
import java.util.Map;

/**
 * The OS byte-range locks a process holds on the store's header file, which the kernel releases when the process
 * dies, whatever its PID namespace, user or zombie state: the one source of truth for "is this process alive".
 *
 * <pre>
 * offset 2^40          OPEN     held shared by every process that has the store open; exclusively by recover
 * offset 2^40 + 1      DRAINER  held exclusively by the one process that drains the journal
 * offset 2^40 + 64 + s SLOT s   held exclusively by the process registered in slot s of the {@link ProcessRegistry}
 * </pre>
 *
 * The locks lie past the end of the file, which POSIX allows. They are {@code fcntl} locks, owned by the process:
 * closing any descriptor of the header file in this process would release all of them, so the JVM opens the header
 * file once per store, through the channel given here, and nothing else may open it while the store is open.
 * Testing another process's lock takes it shared for an instant; tests are serialized, because the JVM refuses a
 * lock that overlaps one it already holds.
 */
public final class ProcessLocks implements AutoCloseable {
    private static final long BASE = 1L << 40;
    private static final long OPEN = BASE;
    private static final long DRAINER = BASE + 1;
    private static final long SLOTS = BASE + 64;

    private final FileChannel channel;
    private final boolean writable;
    private final Map<Long, FileLock> held = new HashMap<>();

    /**
     * Creates the locks of a store.
     *
     * @param channel the JVM's only channel to the store's header file
     * @param writable whether the channel was opened for writing (exclusive locks need it)
     */
    public ProcessLocks(FileChannel channel, boolean writable) {
        this.channel = channel;
        this.writable = writable;
    }

    /** Returns the channel the locks are taken through, the JVM's only one to the header file. */
    public FileChannel channel() {
        return channel;
    }

    /** Takes the OPEN lock shared; false if {@code recover} holds it exclusively. */
    public synchronized boolean holdOpen() throws IOException {
        return take(OPEN, true);
    }

    /** Takes the OPEN lock exclusively, for recover; false if any other process has the store open. */
    public synchronized boolean holdOpenExclusively() throws IOException {
        return take(OPEN, false);
    }

    /** Takes slot {@code slot}'s lock; false if a live process holds it. */
    public synchronized boolean holdSlot(int slot) throws IOException {
        return take(SLOTS + slot, false);
    }

    /** Releases slot {@code slot}'s lock, which this process holds. */
    public synchronized void releaseSlot(int slot) {
        release(SLOTS + slot);
    }

    /** Takes the DRAINER lock if no other process holds it. */
    public synchronized boolean holdDrainer() throws IOException {
        return take(DRAINER, false);
    }

    /** Releases the DRAINER lock, if this process holds it. */
    public synchronized void releaseDrainer() {
        release(DRAINER);
    }

    /** Returns whether this process holds the DRAINER lock. */
    public synchronized boolean holdsDrainer() {
        return held.containsKey(DRAINER);
    }

    /**
     * Returns whether some process holds slot {@code slot}'s lock: this one, or another that is alive. A lock that
     * cannot be tested counts as held: "cannot tell" means alive.
     */
    public synchronized boolean isSlotHeld(int slot) {
        return isHeld(SLOTS + slot);
    }

    /** Returns whether some process holds the DRAINER lock (this one included). */
    public synchronized boolean isDrainerHeld() {
        return isHeld(DRAINER);
    }

    /** Releases every lock this process holds on the header file. */
    @Override
    public synchronized void close() {
        for (Long position : Map.copyOf(held).keySet()) {
            release(position);
        }
    }

    private boolean isHeld(long position) {
        if (held.containsKey(position)) {
            return true;
        }
        try {
            FileLock probe = channel.tryLock(position, 1, true);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (IOException | IllegalStateException e) {
            return true;
        }
    }

    private boolean take(long position, boolean shared) throws IOException {
        if (held.containsKey(position)) {
            return true;
        }
        if (!shared && !writable) {
            return false;
        }
        FileLock lock;
        try {
            lock = channel.tryLock(position, 1, shared);
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("this JVM already holds the lock at " + position, e);
        }
        if (lock == null) {
            return false;
        }
        held.put(position, lock);
        return true;
    }

    private void release(long position) {
        FileLock lock = held.remove(position);
        if (lock != null) {
            try {
                lock.release();
            } catch (IOException ignored) {
                // the channel is closing: the kernel releases it with the descriptor
            }
        }
    }
}
