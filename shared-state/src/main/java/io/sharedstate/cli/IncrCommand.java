package io.sharedstate.cli;

import io.sharedstate.KeyInfo;
import io.sharedstate.SharedState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code incr DIR KEY [DELTA] [--index I] [--type T [--length N]]}: adds atomically through the library and prints
 * the new value; with {@code --type}, a missing key is created with zero first, as Redis's {@code INCR} does.
 */
@Command(name = "incr", sortOptions = false,
        description = {"Add DELTA (default 1) to an integer or floating-point key, or to one element of an array "
                + "with --index, and print the new value. Integers wrap around like ctypes.",
                "With --type T, a missing key is created with 0 (an array of --length N zeros) first. A negative "
                        + "DELTA is a plain argument: incr DIR KEY -5.", ClusterOptions.HELP})
final class IncrCommand extends KeyCommand {
    @Parameters(index = "2", arity = "0..1", paramLabel = "DELTA", defaultValue = "1",
            description = "The amount to add; 1 by default.", parameterConsumer = ValueArguments.class)
    String delta;

    @Mixin
    CreateOptions create;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() {
        create.check(index);
        Number result;
        try (SharedState state = Stores.openForWriting(directory, cluster)) {
            KeyInfo info = create.existing(state, key, directory);
            if (info == null) {
                Values.parseDelta(create.type, delta, key);
                if (create.length != null) {
                    state.array(key, create.type.code(), create.length);
                } else {
                    state.value(key, create.type.code(), 0L);
                }
                info = state.info(key);
                create.requireMatch(info);
            }
            noteIfLocked(info, true);
            if (info.isArray() && index == null) {
                throw new UserException("key \"" + key + "\" is an array of " + info.length() + " "
                        + info.typecode().describe() + ": give --index I to add to one element");
            }
            checkIndex(info);
            Number amount = Values.parseDelta(info.typecode(), delta, key);
            result = LockedChange.apply(state, key, () -> index == null ? state.value(key).addAndGet(amount)
                    : state.array(key).addAndGet(index, amount));
            out.println(Values.text(info.typecode(), result));
        }
        out.flush();
        return ExitCode.OK;
    }
}
