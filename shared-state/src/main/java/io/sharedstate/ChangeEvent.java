package io.sharedstate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One change recorded in the journal: which key changed, how, to what, when, and by which process.
 * Immutable.
 */
public final class ChangeEvent {
    /** What kind of change an event records. */
    public enum Operation {
        /** The key was created; {@link #values()} holds its initial value(s). */
        CREATE,
        /** A value was set ({@code set}, {@code getAndSet}, {@code updateAndGet}). */
        SET,
        /** A value was added to; {@link #delta()} holds the amount. */
        ADD,
        /** A compare-and-set succeeded. */
        CAS,
        /** An array element was set; {@link #index()} says which. */
        ARRAY_SET,
        /** An array element was added to. */
        ARRAY_ADD,
        /** Every element of an array was set at once; {@link #values()} holds them. */
        FILL,
        /** The key was removed. */
        REMOVE,
        /** The key's lock was taken over from a dead process; {@link #values()} holds the values it left. */
        LOCK_RECOVERED,
        /**
         * {@link #count()} changes of the key, combined: {@link #values()} holds the value(s) after them and, for a
         * number, {@link #delta()} their net change (absent when a change other than an addition was among them).
         * Written for keys journaled {@link JournalMode#COALESCED}, and for any key when the journal could not keep
         * up and combined changes rather than lose them.
         */
        COALESCED,
        /**
         * The journal lost {@link #count()} events (-1: an unknown number), of the key named by {@link #key()}, or
         * of any key if it is empty: a damaged journal file, a full disk, or a watcher that fell behind the size
         * cap. Replay past a gap is not exact; later events of a key that carry all its values
         * ({@link #LOCK_RECOVERED}, {@link #COALESCED}, {@link #FILL}) make it exact again.
         */
        GAP
    }

    private final long sequence;
    private final Instant time;
    private final int pid;
    private final String key;
    private final Operation operation;
    private final TypeCode typecode;
    private final boolean array;
    private final int index;
    private final List<Number> values;
    private final Number delta;
    private final long count;

    /**
     * Creates an event.
     *
     * @param sequence the event's index in the journal
     * @param time when the change happened
     * @param pid the pid of the process that made the change
     * @param key the key's name; empty for a {@link Operation#GAP} of any key
     * @param operation what kind of change it is
     * @param typecode the key's type
     * @param array whether the key is an array
     * @param index the element changed, for element changes; otherwise -1
     * @param values the new value for single-value and element changes, every element for whole-array
     *        changes, empty for {@link Operation#REMOVE}
     * @param delta the amount added, for {@link Operation#ADD} and {@link Operation#ARRAY_ADD}; otherwise null
     * @throws NullPointerException if {@code time}, {@code key}, {@code operation}, {@code typecode} or {@code values}
     *         (or one of its elements) is null
     */
    public ChangeEvent(long sequence, Instant time, int pid, String key, Operation operation, TypeCode typecode,
                       boolean array, int index, List<Number> values, Number delta) {
        this(sequence, time, pid, key, operation, typecode, array, index, values, delta, 1);
    }

    /**
     * Creates an event that stands for {@code count} changes ({@link Operation#COALESCED}, {@link Operation#GAP});
     * otherwise as {@link #ChangeEvent(long, Instant, int, String, Operation, TypeCode, boolean, int, List, Number)}.
     *
     * @param sequence the event's index in the journal
     * @param time when the change happened
     * @param pid the pid of the process that made the change
     * @param key the key's name; empty for a {@link Operation#GAP} of any key
     * @param operation what kind of change it is
     * @param typecode the key's type
     * @param array whether the key is an array
     * @param index the element changed, for element changes; otherwise -1
     * @param values the value(s) after the change(s), as for the other constructor; copied
     * @param delta the amount added, or the net change of a {@link Operation#COALESCED} event; otherwise null
     * @param count the number of changes the event stands for; -1 for an unknown number
     * @throws NullPointerException if {@code time}, {@code key}, {@code operation}, {@code typecode} or {@code values}
     *         (or one of its elements) is null
     */
    public ChangeEvent(long sequence, Instant time, int pid, String key, Operation operation, TypeCode typecode,
                       boolean array, int index, List<Number> values, Number delta, long count) {
        this.sequence = sequence;
        this.time = Objects.requireNonNull(time, "time");
        this.pid = pid;
        this.key = Objects.requireNonNull(key, "key");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.typecode = Objects.requireNonNull(typecode, "typecode");
        this.array = array;
        this.index = index;
        this.values = List.copyOf(values);
        this.delta = delta;
        this.count = count;
    }

    /**
     * Returns the event's global sequence: its index in the journal, increasing across all processes.
     *
     * @return the sequence, as given to {@link Journal#eventsFrom(long)}
     */
    public long sequence() {
        return sequence;
    }

    /**
     * Returns when the change happened, with microsecond precision.
     *
     * @return the time stamp
     */
    public Instant time() {
        return time;
    }

    /**
     * Returns the pid of the process that made the change.
     *
     * @return the operating-system process id
     */
    public int pid() {
        return pid;
    }

    /**
     * Returns the key's name.
     *
     * @return the key's name; empty for a {@link Operation#GAP} of any key
     */
    public String key() {
        return key;
    }

    /**
     * Returns what kind of change this is.
     *
     * @return the operation
     */
    public Operation operation() {
        return operation;
    }

    /**
     * Returns the key's type.
     *
     * @return the type of the key's value or elements
     */
    public TypeCode typecode() {
        return typecode;
    }

    /**
     * Returns whether the key is an array.
     *
     * @return true for an array key, even for a change of one element
     */
    public boolean isArray() {
        return array;
    }

    /**
     * Returns the element changed, for {@link Operation#ARRAY_SET} and {@link Operation#ARRAY_ADD}; otherwise -1.
     *
     * @return the element's index, or -1
     */
    public int index() {
        return index;
    }

    /**
     * Returns the new value of a single value or element; null for whole-array changes and removals.
     *
     * @return the single new value, or null
     */
    public Number value() {
        return values.size() == 1 && (index >= 0 || !array) ? values.get(0) : null;
    }

    /**
     * Returns the new value(s): one for a single value or element, every element for whole-array changes.
     *
     * @return an unmodifiable list; empty for {@link Operation#REMOVE} and {@link Operation#GAP}
     */
    public List<Number> values() {
        return values;
    }

    /**
     * Returns the amount added, for {@link Operation#ADD} and {@link Operation#ARRAY_ADD}; otherwise null.
     *
     * @return the amount added, or null
     */
    public Number delta() {
        return delta;
    }

    /**
     * Returns how many changes the event stands for: 1, except for {@link Operation#COALESCED} and
     * {@link Operation#GAP} (where -1 means an unknown number).
     *
     * @return the number of changes, or -1 if unknown
     */
    public long count() {
        return count;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ChangeEvent)) {
            return false;
        }
        ChangeEvent that = (ChangeEvent) other;
        return sequence == that.sequence && pid == that.pid && array == that.array && index == that.index
                && time.equals(that.time) && key.equals(that.key) && operation == that.operation
                && typecode == that.typecode && values.equals(that.values) && Objects.equals(delta, that.delta)
                && count == that.count;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, time, pid, key, operation, typecode, index, values, delta);
    }

    @Override
    public String toString() {
        return "ChangeEvent{seq=" + sequence + ", time=" + time + ", pid=" + pid + ", key=" + key + ", op="
                + operation + ", type=" + typecode.code() + (index >= 0 ? ", index=" + index : "")
                + ", values=" + values + (delta != null ? ", delta=" + delta : "") + (count != 1 ? ", count=" + count : "")
                + "}";
    }
}
