package io.sharedstate.cli;

import io.sharedstate.KeyInfo;
import io.sharedstate.SharedState;
import io.sharedstate.TypeCode;
import io.sharedstate.ValueOutOfRangeException;
import io.sharedstate.internal.ValueCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code set DIR KEY VALUE... [--index I] [--type T [--length N]]}: sets a value, every element of an array
 * (atomically), or one element with {@code --index}, through the library's per-key lock and journal; with
 * {@code --type}, creates the key if it does not exist. Every value is parsed and range-checked before anything
 * changes, and a signal while waiting for the key's lock cancels the change.
 */
@Command(name = "set", sortOptions = false,
        description = {"Set a key's value: one VALUE for a single value, exactly as many as the array's length "
                + "for an array (set atomically), or one with --index.",
                "With --type T, a missing key is created: a single value from one VALUE, an array from several "
                        + "(or of --length N). Values are read per the key's typecode; see 'Values' in "
                        + "docs/ops.md. Negative numbers, inf and -inf are values.", ClusterOptions.HELP})
final class SetCommand extends KeyCommand {
    @Parameters(index = "2..*", arity = "1..*", paramLabel = "VALUE", description = "The new value(s).",
            parameterConsumer = ValueArguments.class)
    List<String> values;

    @Mixin
    CreateOptions create;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() {
        create.check(index);
        try (SharedState state = Stores.openForWriting(directory, cluster)) {
            KeyInfo info = create.existing(state, key, directory);
            if (info == null) {
                info = create(state);
                if (info == null) {
                    return ExitCode.OK;
                }
            }
            noteIfLocked(info, true);
            checkIndex(info);
            Number[] parsed = parse(info.typecode(), info.isArray() && index == null ? info.length() : 1, info);
            KeyInfo target = info;
            LockedChange.apply(state, key, () -> {
                if (!target.isArray()) {
                    state.value(key).set(parsed[0]);
                } else if (index != null) {
                    state.array(key).set(index, parsed[0]);
                } else {
                    state.array(key).set(parsed);
                }
                return null;
            });
        }
        return ExitCode.OK;
    }

    /**
     * Creates the key with the values given, which is the whole change (one {@code CREATE} event), and returns
     * null; or returns the info of the key another process created meanwhile, or of the array created with zeros
     * for {@code --index} to set one element of.
     */
    private KeyInfo create(SharedState state) {
        TypeCode type = create.type;
        boolean array = create.array(values.size());
        int length = create.length != null ? create.length : values.size();
        if (index != null) {
            checkCreatedIndex(length);
            parse(type, 1, null);
            state.array(key, type.code(), length);
            return requireOwnCreation(state, false);
        }
        Number[] parsed = parse(type, array ? length : 1, null);
        if (array) {
            state.array(key, type.code(), parsed);
        } else {
            state.value(key, type.code(), parsed[0]);
        }
        return requireOwnCreation(state, true);
    }

    /** Returns null if this process created the key (and so wrote it), else the key's info to set it anyway. */
    private KeyInfo requireOwnCreation(SharedState state, boolean written) {
        KeyInfo info = state.info(key);
        create.requireMatch(info);
        boolean ours = info.lastWriterPid() == ProcessHandle.current().pid();
        return ours && written ? null : info;
    }

    private void checkCreatedIndex(int length) {
        if (index < 0 || index >= length) {
            throw new UserException("index " + index + " is out of range for an array of " + length
                    + " elements: give 0 to " + (length - 1));
        }
    }

    private Number[] parse(TypeCode type, int expected, KeyInfo info) {
        if (values.size() != expected) {
            throw new UserException(describe(type, expected, info) + ": give exactly " + expected + " value"
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
        return parsed;
    }

    private String describe(TypeCode type, int expected, KeyInfo info) {
        if (info == null) {
            return "key \"" + key + "\" would be created as " + (expected == 1 && create.length == null
                    ? "a single " : "an array of " + expected + " ") + type.describe();
        }
        if (info.isArray() && index == null) {
            return "key \"" + key + "\" is an array of " + info.length() + " " + type.describe();
        }
        return "key \"" + key + "\" holds " + (index == null ? "a single " : "element " + index + " of ")
                + type.describe();
    }
}
