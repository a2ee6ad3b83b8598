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

    /**
     * Returns a builder; used by store implementations.
     *
     * @return a new builder; {@code name}, {@code typecode} and {@code createdAt} must be set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the key's name.
     *
     * @return the name, in Unicode normalization form C
     */
    public String name() {
        return name;
    }

    /**
     * Returns the type of the value or of the array's elements.
     *
     * @return the type
     */
    public TypeCode typecode() {
        return typecode;
    }

    /**
     * Returns whether the key holds an array rather than a single value.
     *
     * @return true for an array, even one of length 1
     */
    public boolean isArray() {
        return array;
    }

    /**
     * Returns the number of elements: the array's length, or 1 for a single value.
     *
     * @return the number of elements, at least 1
     */
    public int length() {
        return length;
    }

    /**
     * Returns when the key was created.
     *
     * @return the creation time
     */
    public Instant createdAt() {
        return createdAt;
    }

    /**
     * Returns the pid of the process that changed the key last, or that created it.
     *
     * @return the operating-system process id of the last writer
     */
    public int lastWriterPid() {
        return lastWriterPid;
    }

    /**
     * Returns whether changes to the key are journaled.
     *
     * @return the journal setting the key was created with
     */
    public JournalMode journal() {
        return journal;
    }

    /**
     * Returns the pid of the process whose thread holds the key's lock, or 0 if it is free.
     *
     * @return the holder's process id, or 0
     */
    public int lockOwnerPid() {
        return lockOwnerPid;
    }

    /**
     * Returns whether the process holding the key's lock is alive; false also when the lock is free. A lock held by a
     * dead process is taken over by the next process that needs it, or repaired within a second by another.
     *
     * @return true if the lock is held by a live process
     */
    public boolean lockOwnerAlive() {
        return lockOwnerPid != 0 && lockOwnerAlive;
    }

    /**
     * Returns since when an explicit {@link SharedLock} has held the key, if one does.
     *
     * @return when the explicit section began; empty if none holds the key
     */
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

        /**
         * Sets the key's name.
         *
         * @param name the key's name; required
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets the element type.
         *
         * @param typecode the type of the value or elements; required
         * @return this builder
         */
        public Builder typecode(TypeCode typecode) {
            this.typecode = typecode;
            return this;
        }

        /**
         * Marks the key as an array of {@code length} elements.
         *
         * @param length the array's number of elements
         * @return this builder
         */
        public Builder array(int length) {
            this.array = true;
            this.length = length;
            return this;
        }

        /**
         * Sets the creation time.
         *
         * @param createdAt when the key was created; required
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * Sets the pid of the last writer.
         *
         * @param pid the process id of the last writer
         * @return this builder
         */
        public Builder lastWriterPid(int pid) {
            this.lastWriterPid = pid;
            return this;
        }

        /**
         * Sets the journal mode.
         *
         * @param journal the key's journal setting; {@link JournalMode#ON} unless set
         * @return this builder
         */
        public Builder journal(JournalMode journal) {
            this.journal = journal;
            return this;
        }

        /**
         * Sets the lock's owner pid (0 for free) and since when an explicit lock holds it (may be null).
         *
         * @param ownerPid the lock holder's process id, 0 if the lock is free
         * @param since when an explicit {@link SharedLock} section began, or null if none holds the key
         * @return this builder
         */
        public Builder lock(int ownerPid, Instant since) {
            this.lockOwnerPid = ownerPid;
            this.lockedSince = since;
            return this;
        }

        /**
         * Sets whether the lock's owner is alive; true unless said otherwise.
         *
         * @param alive whether the lock's holder is alive
         * @return this builder
         */
        public Builder lockOwnerAlive(boolean alive) {
            this.lockOwnerAlive = alive;
            return this;
        }

        /**
         * Returns the description.
         *
         * @return the description
         * @throws NullPointerException if the name, type, creation time or journal setting is missing
         */
        public KeyInfo build() {
            return new KeyInfo(this);
        }
    }
}
