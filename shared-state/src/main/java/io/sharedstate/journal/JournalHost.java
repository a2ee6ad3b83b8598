package io.sharedstate.journal;

import io.sharedstate.lock.ProcessLocks;
import io.sharedstate.lock.ProcessRegistry;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;

/** What the journal needs from the store it belongs to: its files, processes, settings and counters. */
public interface JournalHost {
    /** Returns the store's directory. */
    Path directory();

    /** Returns the store's process table. */
    ProcessRegistry registry();

    /** Returns this process's OS locks on the store. */
    ProcessLocks locks();

    /** Returns the permissions of the store's files. */
    Set<PosixFilePermission> filePermissions();

    /** Returns the cap on the journal's size on disk. */
    long retentionBytes();

    /** Returns how long events are kept at most. */
    Duration retention();

    /** Returns the segment clock the last drainer left, epoch millis. */
    long journalClock();

    /** Records the segment clock, so that the next drainer starts no earlier. */
    void setJournalClock(long millis);

    /** Records which process drains the journal (0: none). */
    void setDrainerPid(int pid);

    /** Counts events moved into the journal files. */
    void addDrained(long events);

    /** Counts events the journal could not keep. */
    void addLost(long events);

    /**
     * Returns whether some change is not in the journal yet outside the staging rings: a dead process not yet
     * repaired, or a key with changes pending to be journaled combined.
     */
    boolean hasUnjournaledChanges();

    /** Returns whether the store was closed in this process. */
    boolean isClosed();
}
