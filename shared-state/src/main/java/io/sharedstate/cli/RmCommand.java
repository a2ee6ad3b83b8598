package io.sharedstate.cli;

import io.sharedstate.NoSuchKeyException;
import io.sharedstate.SharedState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rm DIR KEY}: removes a key through the library, which waits for its lock (a signal meanwhile
 * cancels it) and journals the removal. */
@Command(name = "rm", description = "Remove a key. Handles to it in running processes then fail with "
        + "KeyRemovedException.")
final class RmCommand extends StoreCommand {
    @Parameters(index = "1", paramLabel = "KEY", description = "The key's name.")
    String key;

    @Override
    public Integer call() {
        try (SharedState state = Stores.openForWriting(directory)) {
            KeyCommand.noteIfLocked(state.info(key), true);
            if (!LockedChange.apply(state, key, () -> state.remove(key))) {
                throw new NoSuchKeyException("no key \"" + key + "\" in store " + directory);
            }
        }
        return ExitCode.OK;
    }
}
