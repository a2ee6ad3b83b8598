package io.sharedstate.cluster.benchmarks;

import org.apache.ignite.cache.CacheEntryEventSerializableFilter;
import org.apache.ignite.cache.CacheEntryProcessor;
import org.apache.ignite.cache.affinity.AffinityKeyMapped;

import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import javax.cache.processor.MutableEntry;
import java.util.UUID;

/**
 * What the raw-Ignite side of the benchmark stores: look-alikes of the layer's (package-private) StoredValue,
 * LockOwner, JournalKey and JournalRecord, field for field, so that the raw transactions serialize, send and log as
 * many bytes as the layer's; plus the entry processor and continuous-query filter of the raw calls. Every member
 * JVM has these classes on its classpath (peer class loading is off).
 */
final class RawEntries {
    private RawEntries() {
    }

    /** A key's entry, as StoredValue: shape, values, version and lock holder. */
    static final class Value {
        private final char typecode;
        private final boolean array;
        private final long[] values;
        private final long generation;
        private final long version;
        private final long createdAtMillis;
        private final int lastWriterPid;
        private final Owner owner;

        Value(long[] values, long generation, long version, long createdAtMillis, int lastWriterPid, Owner owner) {
            this.typecode = 'q';
            this.array = false;
            this.values = values;
            this.generation = generation;
            this.version = version;
            this.createdAtMillis = createdAtMillis;
            this.lastWriterPid = lastWriterPid;
            this.owner = owner;
        }

        static Value created(long generation, int pid) {
            return new Value(new long[] {0}, generation, 1, System.currentTimeMillis(), pid, null);
        }

        long value() {
            return values[0];
        }

        long generation() {
            return generation;
        }

        long version() {
            return version;
        }

        Owner owner() {
            return owner;
        }

        Value incremented(int pid) {
            return new Value(new long[] {values[0] + 1}, generation, version + 1, createdAtMillis, pid, owner);
        }

        Value ownedBy(Owner newOwner) {
            return new Value(values, generation, version, createdAtMillis, lastWriterPid, newOwner);
        }
    }

    /** The holder of a key's lock, as LockOwner. */
    static final class Owner {
        private final UUID node;
        private final long thread;
        private final int pid;
        private final long sinceMillis;

        Owner(UUID node, long thread, int pid, long sinceMillis) {
            this.node = node;
            this.thread = thread;
            this.pid = pid;
            this.sinceMillis = sinceMillis;
        }

        boolean isThread(UUID otherNode, long otherThread) {
            return node.equals(otherNode) && thread == otherThread;
        }
    }

    /** A journal record's key, as JournalKey: collocated with the value by its name. */
    static final class JournalKey {
        @AffinityKeyMapped
        private final String name;
        private final long generation;
        private final long version;

        JournalKey(String name, long generation, long version) {
            this.name = name;
            this.generation = generation;
            this.version = version;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof JournalKey key && generation == key.generation && version == key.version
                    && name.equals(key.name);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(name, generation, version);
        }
    }

    /** A journal record, as JournalRecord (an ADD of 1 to a 'q'). */
    static final class Record {
        private final long timeMicros;
        private final int pid;
        private final String operation;
        private final char typecode;
        private final boolean array;
        private final int index;
        private final long[] values;
        private final boolean hasDelta;
        private final long delta;
        private final UUID operationId;

        Record(long timeMicros, int pid, long newValue, UUID operationId) {
            this.timeMicros = timeMicros;
            this.pid = pid;
            this.operation = "ADD";
            this.typecode = 'q';
            this.array = false;
            this.index = -1;
            this.values = new long[] {newValue};
            this.hasDelta = true;
            this.delta = 1;
            this.operationId = operationId;
        }
    }

    /** Adds one to a counter and returns the new value: the entry-processor form of an increment. */
    static final class Increment implements CacheEntryProcessor<String, Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long process(MutableEntry<String, Long> entry, Object... arguments) {
            long next = (entry.exists() ? entry.getValue() : 0L) + 1;
            entry.setValue(next);
            return next;
        }
    }

    /**
     * Passes new records of one key, as the layer's JournalFilter does; it matches on the key's text
     * ({@code name#generation/version}) because JournalKey's accessors are not visible from here.
     */
    static final class NewRecordsOf implements CacheEntryEventSerializableFilter<Object, Object> {
        private static final long serialVersionUID = 1L;

        private final String prefix;

        NewRecordsOf(String name) {
            this.prefix = name + '#';
        }

        @Override
        public boolean evaluate(CacheEntryEvent<?, ?> event) {
            return event.getEventType() == EventType.CREATED && event.getKey().toString().startsWith(prefix);
        }
    }
}
