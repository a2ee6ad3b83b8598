package io.sharedstate.cluster;

import org.apache.ignite.lang.IgniteBiPredicate;

/** Selects the values cache's keys a scan wants, on the members that hold them. */
final class NamePredicate implements IgniteBiPredicate<String, StoredValue> {
    private static final long serialVersionUID = 1L;

    private final JournalFilter filter;

    NamePredicate(JournalFilter filter) {
        this.filter = filter;
    }

    @Override
    public boolean apply(String name, StoredValue value) {
        return filter.matches(name);
    }
}
