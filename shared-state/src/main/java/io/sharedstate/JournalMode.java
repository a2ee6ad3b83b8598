package io.sharedstate;

/** Whether changes to a key are recorded in the store's change journal. */
public enum JournalMode {
    /** Every change is appended to the journal, where other processes can watch it. The default. */
    ON,
    /** Changes are not journaled: the fastest setting, for hot counters nobody needs to audit. */
    OFF
}
