package io.sharedstate;

import java.time.Instant;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * The store's change journal: every change to a journaled key, from every process, in the order the changes
 * happened to each key. Streams returned here read the journal files and must be closed, best with
 * try-with-resources.
 */
public interface Journal {
    /** Returns the sequence of the oldest event kept, or -1 if the journal is empty. */
    long firstSequence();

    /** Returns the sequence of the newest event, or -1 if the journal is empty. */
    long lastSequence();

    /** Returns every event kept, oldest first. */
    Stream<ChangeEvent> events();

    /** Returns the events from {@code sequence} on, oldest first. */
    Stream<ChangeEvent> eventsFrom(long sequence);

    /** Returns the events stamped in {@code [from, until)}, oldest first. */
    Stream<ChangeEvent> events(Instant from, Instant until);

    /**
     * Rebuilds the values of the journaled keys as they were at {@code until}, from the start of the journal:
     * a scalar maps to its {@link Number}, an array to a {@code List<Number>}. Correct when the journal still
     * holds each key's creation event (retention deletes old days).
     */
    SortedMap<String, Object> replay(Instant until);

    /** Rebuilds the values of the journaled keys as of the newest event; see {@link #replay(Instant)}. */
    SortedMap<String, Object> replay();

    /** Returns the journal's size on disk in bytes. */
    long bytesOnDisk();

    /**
     * Waits until every change made so far, by any process, is in the journal: the events processes staged, the
     * changes journaled combined later (coalesced keys, or changes made while the journal could not keep up), and
     * what processes that died left. Reading the journal right after many changes, or after a crash, sees it whole.
     *
     * @return whether the journal caught up within {@code timeout}
     */
    boolean awaitCaughtUp(java.time.Duration timeout);
}
