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
    /**
     * Returns the sequence of the oldest event kept.
     *
     * @return the oldest sequence, or -1 if the journal is empty
     */
    long firstSequence();

    /**
     * Returns the sequence of the newest event.
     *
     * @return the newest sequence, or -1 if the journal is empty
     */
    long lastSequence();

    /**
     * Returns every event kept, oldest first.
     *
     * @return a stream over the journal files, to be closed; empty if the journal has no events
     */
    Stream<ChangeEvent> events();

    /**
     * Returns the events from {@code sequence} on, oldest first.
     *
     * @param sequence the first event's sequence; one older than {@link #firstSequence()} (or negative) starts at the
     *        oldest event kept, one newer than {@link #lastSequence()} gives an empty stream
     * @return a stream over the journal files, to be closed
     */
    Stream<ChangeEvent> eventsFrom(long sequence);

    /**
     * Returns the events stamped in {@code [from, until)}, oldest first.
     *
     * @param from the earliest time stamp, inclusive
     * @param until the latest time stamp, exclusive
     * @return a stream over the journal files, to be closed
     * @throws NullPointerException if {@code from} or {@code until} is null
     */
    Stream<ChangeEvent> events(Instant from, Instant until);

    /**
     * Rebuilds the values of the journaled keys as they were at {@code until}, from the start of the journal:
     * a scalar maps to its {@link Number}, an array to a {@code List<Number>}. Correct when the journal still
     * holds each key's creation event (retention deletes old days).
     *
     * @param until the instant to rebuild the values at, inclusive
     * @return the values by key name, sorted; keys removed by {@code until} are absent
     * @throws NullPointerException if {@code until} is null
     */
    SortedMap<String, Object> replay(Instant until);

    /**
     * Rebuilds the values of the journaled keys as of the newest event; see {@link #replay(Instant)}.
     *
     * @return the values by key name, sorted
     */
    SortedMap<String, Object> replay();

    /**
     * Returns the journal's size on disk.
     *
     * @return the bytes of the journal's files
     */
    long bytesOnDisk();

    /**
     * Waits until every change made so far, by any process, is in the journal: the events processes staged, the
     * changes journaled combined later (coalesced keys, or changes made while the journal could not keep up), and
     * what processes that died left. Reading the journal right after many changes, or after a crash, sees it whole.
     *
     * @param timeout how long to wait at most
     * @return whether the journal caught up within {@code timeout}; false also if the store was closed meanwhile
     * @throws NullPointerException if {@code timeout} is null
     */
    boolean awaitCaughtUp(java.time.Duration timeout);
}
