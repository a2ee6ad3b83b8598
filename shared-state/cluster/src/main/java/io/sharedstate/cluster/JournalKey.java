package io.sharedstate.cluster;

import org.apache.ignite.cache.affinity.AffinityKeyMapped;

import java.util.Objects;

/**
 * A journal record's key: the key name (which places the record on the same members as the value, so that a change
 * and its record commit together), the key's generation (a key removed and created again starts a new history) and
 * its version.
 */
final class JournalKey {
    @AffinityKeyMapped
    private final String name;
    private final long generation;
    private final long version;

    JournalKey(String name, long generation, long version) {
        this.name = name;
        this.generation = generation;
        this.version = version;
    }

    String name() {
        return name;
    }

    long generation() {
        return generation;
    }

    long version() {
        return version;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof JournalKey)) {
            return false;
        }
        JournalKey key = (JournalKey) other;
        return generation == key.generation && version == key.version && name.equals(key.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, generation, version);
    }

    @Override
    public String toString() {
        return name + "#" + generation + "/" + version;
    }
}
