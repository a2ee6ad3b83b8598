package io.sharedstate.cli;

import io.sharedstate.JournalMode;
import io.sharedstate.SharedState;

import java.math.BigInteger;
import java.nio.file.Path;

/** The store most CLI tests start from: one key of each interesting shape and type. */
final class Samples {
    static final BigInteger MAX_UINT64 = new BigInteger("18446744073709551615");
    static final int KEYS = 10;

    private Samples() {
    }

    /** Creates the sample store in {@code dir} and closes it. */
    static void create(Path dir) {
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("hits", 5);
            state.intValue("errors", -3);
            state.doubleArray("temps", 0.0, 1.5, -2.25);
            state.value("big", 'Q', MAX_UINT64);
            state.value("flag", '?', 1L);
            state.value("letter", 'c', (long) 'a');
            state.value("wide", 'u', (long) 'é');
            state.value("ratio", 'f', 0.1);
            state.withJournal(JournalMode.OFF).longValue("hot", 7);
            state.array("bytes", 'B', 1L, 2L, 255L);
        }
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }
}
