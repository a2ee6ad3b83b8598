package io.sharedstate.cli;

import io.sharedstate.KeyInfo;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The key argument and {@code --index} option of {@code get}, {@code set} and {@code incr}. */
abstract class KeyCommand extends StoreCommand {
    @Parameters(index = "1", paramLabel = "KEY", description = "The key's name.")
    String key;

    @Option(names = {"-i", "--index"}, paramLabel = "I", description = "One element of an array, from 0.")
    Integer index;

    /** Says on stderr that the command will wait, if an explicit lock section of another process holds the key. */
    static void noteIfLocked(KeyInfo info, boolean writing) {
        if (info.lockOwnerPid() != 0 && info.lockedSince().isPresent()
                && info.lockOwnerPid() != ProcessHandle.current().pid()) {
            boolean alive = info.lockOwnerAlive();
            Main.info("key \"" + info.name() + "\" is locked by pid " + info.lockOwnerPid() + (alive
                    ? " since " + info.lockedSince().get() + "; waiting for it (Ctrl-C to give up)"
                    : ", which is dead; " + (writing ? "taking the lock over" : "reading the value it left")));
        }
    }

    /** Checks {@code --index} against the key's shape. */
    void checkIndex(KeyInfo info) {
        if (index == null) {
            return;
        }
        if (!info.isArray()) {
            throw new UserException("key \"" + key + "\" holds a single " + info.typecode().describe()
                    + ": --index applies to arrays only");
        }
        if (index < 0 || index >= info.length()) {
            throw new UserException("index " + index + " is out of range for key \"" + key + "\", an array of "
                    + info.length() + " elements: give 0 to " + (info.length() - 1));
        }
    }
}
