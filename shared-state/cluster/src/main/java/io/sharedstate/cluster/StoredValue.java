package io.sharedstate.cluster;

import io.sharedstate.TypeCode;

/**
 * A key's entry in the values cache: its shape, its values in canonical form (see
 * {@link io.sharedstate.internal.ValueCodec}), its version and who holds its explicit lock. Instances are never
 * changed once stored; each change stores a new one, in the same transaction as its journal record.
 */
final class StoredValue {
    private final char typecode;
    private final boolean array;
    private final long[] values;
    private final long generation;
    private final long version;
    private final long createdAtMillis;
    private final int lastWriterPid;
    private final LockOwner owner;

    private StoredValue(char typecode, boolean array, long[] values, long generation, long version,
                        long createdAtMillis, int lastWriterPid, LockOwner owner) {
        this.typecode = typecode;
        this.array = array;
        this.values = values;
        this.generation = generation;
        this.version = version;
        this.createdAtMillis = createdAtMillis;
        this.lastWriterPid = lastWriterPid;
        this.owner = owner;
    }

    static StoredValue created(TypeCode type, boolean array, long[] values, long generation, long nowMillis, int pid) {
        return new StoredValue(type.code(), array, values.clone(), generation, 1, nowMillis, pid, null);
    }

    TypeCode type() {
        return TypeCode.of(typecode);
    }

    boolean isArray() {
        return array;
    }

    int length() {
        return values.length;
    }

    long value(int index) {
        return values[index];
    }

    long[] values() {
        return values.clone();
    }

    long generation() {
        return generation;
    }

    long version() {
        return version;
    }

    long createdAtMillis() {
        return createdAtMillis;
    }

    int lastWriterPid() {
        return lastWriterPid;
    }

    /** The holder of the key's explicit lock, or null. */
    LockOwner owner() {
        return owner;
    }

    /** Returns the entry after a change to {@code newValues}, one version on. */
    StoredValue changed(long[] newValues, int pid) {
        return new StoredValue(typecode, array, newValues, generation, version + 1, createdAtMillis, pid, owner);
    }

    /** Returns the entry with its lock held by {@code newOwner} (null: free); the values and version stay. */
    StoredValue ownedBy(LockOwner newOwner) {
        return new StoredValue(typecode, array, values, generation, version, createdAtMillis, lastWriterPid,
                newOwner);
    }

    /** Returns the entry one version on, its lock taken over by {@code newOwner}: a journaled change of its own. */
    StoredValue recoveredBy(LockOwner newOwner) {
        return new StoredValue(typecode, array, values, generation, version + 1, createdAtMillis, lastWriterPid,
                newOwner);
    }

    String describeShape() {
        return array ? "an array of " + values.length + " " + type().describe() : type().describe();
    }
}
