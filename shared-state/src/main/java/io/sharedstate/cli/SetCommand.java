package io.sharedstate.cli;

import io.sharedstate.KeyInfo;
import io.sharedstate.SharedState;
import io.sharedstate.TypeCode;
import io.sharedstate.ValueOutOfRangeException;
import io.sharedstate.internal.ValueCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code set DIR KEY VALUE...}: sets a value, every element of an array (atomically), or one element with
 * {@code --index}, through the library's per-key lock and journal. Every value is parsed and range-checked before
 * the store is opened for writing, so bad input changes nothing.
 */
@Command(name = "set", sortOptions = false,
        description = {"Set a key's value: one VALUE for a single value, exactly as many as the array's length "
                + "for an array (set atomically), or one with --index.",
                "Values are read per the key's typecode; see 'Values' in docs/ops.md. Negative numbers may need "
                        + "'--' before them."})
final class SetCommand extends KeyCommand {
    @Parameters(index = "2..*", arity = "1..*", paramLabel = "VALUE", description = "The new value(s).")
    List<String> values;

    @Override
    public Integer call() {
        try (SharedState state = Stores.openForWriting(directory)) {
            KeyInfo info = state.info(key);
            noteIfLocked(info, true);
            checkIndex(info);
            TypeCode type = info.typecode();
            int expected = info.isArray() && index == null ? info.length() : 1;
            if (values.size() != expected) {
                throw new UserException(describe(info) + ": give exactly " + expected + " value"
                        + (expected == 1 ? "" : "s") + ", got " + values.size() + "; nothing was changed");
            }
            Number[] parsed = new Number[values.size()];
            for (int i = 0; i < parsed.length; i++) {
                parsed[i] = Values.parse(type, values.get(i), key);
                try {
                    ValueCodec.fromNumber(type, parsed[i]);
                } catch (ValueOutOfRangeException e) {
                    throw new UserException("key \"" + key + "\": " + e.getMessage() + "; nothing was changed");
                }
            }
            if (!info.isArray()) {
                state.value(key).set(parsed[0]);
            } else if (index != null) {
                state.array(key).set(index, parsed[0]);
            } else {
                state.array(key).set(parsed);
            }
        }
        return ExitCode.OK;
    }

    private String describe(KeyInfo info) {
        if (info.isArray() && index == null) {
            return "key \"" + key + "\" is an array of " + info.length() + " " + info.typecode().describe();
        }
        return "key \"" + key + "\" holds " + (index == null ? "a single " : "element " + index + " of ")
                + info.typecode().describe();
    }
}
