package io.sharedstate.cli;

import io.sharedstate.KeyInfo;
import io.sharedstate.SharedState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code incr DIR KEY [DELTA] [--index I]}: adds atomically through the library and prints the new value. */
@Command(name = "incr", sortOptions = false,
        description = {"Add DELTA (default 1) to an integer or floating-point key, or to one element of an array "
                + "with --index, and print the new value. Integers wrap around like ctypes.",
                "A negative DELTA needs '--' before it: incr DIR KEY -- -5."})
final class IncrCommand extends KeyCommand {
    @Parameters(index = "2", arity = "0..1", paramLabel = "DELTA", defaultValue = "1",
            description = "The amount to add; 1 by default.")
    String delta;

    @Override
    public Integer call() {
        Number result;
        try (SharedState state = Stores.openForWriting(directory)) {
            KeyInfo info = state.info(key);
            noteIfLocked(info, true);
            if (info.isArray() && index == null) {
                throw new UserException("key \"" + key + "\" is an array of " + info.length() + " "
                        + info.typecode().describe() + ": give --index I to add to one element");
            }
            checkIndex(info);
            Number amount = Values.parseDelta(info.typecode(), delta, key);
            result = index == null ? state.value(key).addAndGet(amount) : state.array(key).addAndGet(index, amount);
            out.println(Values.text(info.typecode(), result));
        }
        out.flush();
        return ExitCode.OK;
    }
}
