package io.sharedstate.cli;

import io.sharedstate.NoSuchKeyException;
import io.sharedstate.SharedState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rm DIR KEY}: removes a key through the library, which waits for its lock (a signal meanwhile
 * cancels it) and journals the removal. */
@Command(name = "rm", description = {"Remove a key. Handles to it in running processes then fail with "
        + "KeyRemovedException.", ClusterOptions.HELP})
final class RmCommand extends StoreCommand {
    @Parameters(index = "1", paramLabel = "KEY", description = "The key's name.")
    String key;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() {
        try (SharedState state = Stores.openForWriting(directory, cluster)) {
            KeyCommand.noteIfLocked(state.info(key), true);
            if (!remove(state)) {
                throw new NoSuchKeyException("no key \"" + key + "\" in store " + directory);
            }
        }
        return ExitCode.OK;
    }

    /**
     * A cluster's remove waits for the key's lock itself, and drops a lock that the removing thread holds, which
     * could then not be released: it runs alone.
     */
    private boolean remove(SharedState state) {
        return ClusterOptions.namesCluster(directory) ? state.remove(key)
                : LockedChange.apply(state, key, () -> state.remove(key));
    }
}
