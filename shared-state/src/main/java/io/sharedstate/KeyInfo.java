package io.sharedstate;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A description of one key: its type and shape, when it was created, who wrote it last, and its lock. */
public final class KeyInfo {
    private final String name;
    private final TypeCode typecode;
    private final boolean array;
    private final int length;
    private final Instant createdAt;
    private final int lastWriterPid;
    private final JournalMode journal;
    private final int lockOwnerPid;
    private final boolean lockOwnerAlive;
    private final Instant lockedSince;

    private KeyInfo(Builder builder) {
        this.name = Objects.requireNonNull(builder.name, "name");
        this.typecode = Objects.requireNonNull(builder.typecode, "typecode");
        this.array = builder.array;
        this.length = builder.length;
        this.createdAt = Objects.requireNonNull(builder.createdAt, "createdAt");
        this.lastWriterPid = builder.lastWriterPid;
        this.journal = Objects.requireNonNull(builder.journal, "journal");
        this.lockOwnerPid = builder.lockOwnerPid;
        this.lockOwnerAlive = builder.lockOwnerAlive;
        this.lockedSince = builder.lockedSince;
    }

    /** Returns a builder; used by store implementations. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the key's name. */
    public String name() {
        return name;
    }

    /** Returns the type of the value or of the array's elements. */
    public TypeCode typecode() {
        return typecode;
    }

    /** Returns whether the key holds an array rather than a single value. */
    public boolean isArray() {
        return array;
    }

    /** Returns the number of elements: the array's length, or 1 for a single value. */
    public int length() {
        return length;
    }

    /** Returns when the key was created. */
    public Instant createdAt() {
        return createdAt;
    }

    /** Returns the pid of the process that changed the key last, or that created it. */
    public int lastWriterPid() {
        return lastWriterPid;
    }

    /** Returns whether changes to the key are journaled. */
    public JournalMode journal() {
        return journal;
    }

    /** Returns the pid of the process whose thread holds the key's lock, or 0 if it is free. */
    public int lockOwnerPid() {
        return lockOwnerPid;
    }

    /**
     * Returns whether the process holding the key's lock is alive; false also when the lock is free. A lock held by a
     * dead process is taken over by the next process that needs it, or repaired within a second by another.
     */
    public boolean lockOwnerAlive() {
        return lockOwnerPid != 0 && lockOwnerAlive;
    }

    /** Returns since when an explicit {@link SharedLock} has held the key, if one does. */
    public Optional<Instant> lockedSince() {
        return Optional.ofNullable(lockedSince);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof KeyInfo)) {
            return false;
        }
        KeyInfo that = (KeyInfo) other;
        return array == that.array && length == that.length && lastWriterPid == that.lastWriterPid
                && lockOwnerPid == that.lockOwnerPid && name.equals(that.name) && typecode == that.typecode
                && createdAt.equals(that.createdAt) && journal == that.journal
                && Objects.equals(lockedSince, that.lockedSince);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, typecode, array, length, createdAt, lastWriterPid, journal, lockOwnerPid);
    }

    @Override
    public String toString() {
        return "KeyInfo{name=" + name + ", type=" + typecode.describe() + (array ? ", length=" + length : "")
                + ", createdAt=" + createdAt + ", lastWriterPid=" + lastWriterPid + ", journal=" + journal
                + (lockOwnerPid != 0 ? ", lockedBy=" + lockOwnerPid : "") + "}";
    }

    /** Builds {@link KeyInfo} values. */
    public static final class Builder {
        private String name;
        private TypeCode typecode;
        private boolean array;
        private int length = 1;
        private Instant createdAt;
        private int lastWriterPid;
        private JournalMode journal = JournalMode.ON;
        private int lockOwnerPid;
        private boolean lockOwnerAlive = true;
        private Instant lockedSince;

        private Builder() {
        }

        /** Sets the key's name. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets the element type. */
        public Builder typecode(TypeCode typecode) {
            this.typecode = typecode;
            return this;
        }

        /** Marks the key as an array of {@code length} elements. */
        public Builder array(int length) {
            this.array = true;
            this.length = length;
            return this;
        }

        /** Sets the creation time. */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /** Sets the pid of the last writer. */
        public Builder lastWriterPid(int pid) {
            this.lastWriterPid = pid;
            return this;
        }

        /** Sets the journal mode. */
        public Builder journal(JournalMode journal) {
            this.journal = journal;
            return this;
        }

        /** Sets the lock's owner pid (0 for free) and since when an explicit lock holds it (may be null). */
        public Builder lock(int ownerPid, Instant since) {
            this.lockOwnerPid = ownerPid;
            this.lockedSince = since;
            return this;
        }

        /** Sets whether the lock's owner is alive; true unless said otherwise. */
        public Builder lockOwnerAlive(boolean alive) {
            this.lockOwnerAlive = alive;
            return this;
        }

        /** Returns the description. */
        public KeyInfo build() {
            return new KeyInfo(this);
        }
    }
}
