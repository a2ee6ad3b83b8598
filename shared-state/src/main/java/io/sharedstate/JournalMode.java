package io.sharedstate;

/** Whether and how changes to a key are recorded in the store's change journal. */
public enum JournalMode {
    /** Every change is recorded, in order; other processes can watch and replay it. The default. */
    ON,
    /**
     * The changes of each key are combined: at most one {@link ChangeEvent.Operation#COALESCED} event per key per
     * interval (see {@link SharedStateBuilder#journalCoalesceInterval}), with the number of changes, their net
     * sum and the value after them. For hot counters whose history matters less than their trend.
     */
    COALESCED,
    /** Changes are not journaled: the fastest setting, for hot counters nobody needs to audit or watch. */
    OFF
}
