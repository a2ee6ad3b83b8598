package io.sharedstate.cluster;

import org.apache.ignite.cache.CacheEntryEventSerializableFilter;

import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;

/**
 * Runs on the members that hold journal records and passes a watcher only the records it asked for: new records
 * (not the removals of old ones) of one key, or of the keys that start with a prefix.
 */
final class JournalFilter implements CacheEntryEventSerializableFilter<JournalKey, JournalRecord> {
    private static final long serialVersionUID = 1L;

    private final String text;
    private final boolean exact;

    private JournalFilter(String text, boolean exact) {
        this.text = text;
        this.exact = exact;
    }

    static JournalFilter key(String name) {
        return new JournalFilter(name, true);
    }

    static JournalFilter prefix(String prefix) {
        return new JournalFilter(prefix, false);
    }

    boolean matches(String name) {
        return exact ? name.equals(text) : name.startsWith(text);
    }

    @Override
    public boolean evaluate(CacheEntryEvent<? extends JournalKey, ? extends JournalRecord> event) {
        return event.getEventType() == EventType.CREATED && matches(event.getKey().name());
    }
}
