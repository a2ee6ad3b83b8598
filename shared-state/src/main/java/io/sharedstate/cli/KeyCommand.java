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
