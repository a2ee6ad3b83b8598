package io.sharedstate.cli;

import io.sharedstate.KeyInfo;
import io.sharedstate.NoSuchKeyException;
import io.sharedstate.SharedState;
import io.sharedstate.TypeCode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code --type} and {@code --length} options of {@code set} and {@code incr}: create the key if it does not
 * exist, as {@code multiprocessing.Value(typecode, ...)} and {@code Array(typecode, ...)} would.
 */
final class CreateOptions {
    @Option(names = {"-t", "--type"}, paramLabel = "T", converter = TypeConverter.class,
            description = "Create the key with typecode T if it does not exist (b B h H i I l L q Q f d c u ?, or "
                    + "a type name such as int64); if it exists, it must hold T.")
    TypeCode type;

    @Option(names = "--length", paramLabel = "N",
            description = "With --type: the key created is an array of N elements.")
    Integer length;

    /** Returns whether the key must be created as an array, given how many values {@code set} got. */
    boolean array(int values) {
        return length != null || values > 1;
    }

    /** Checks the options against each other, before anything is opened. */
    void check(Integer index) {
        if (length != null && type == null) {
            throw new UserException("--length applies only with --type, when the key is created");
        }
        if (length != null && length < 1) {
            throw new UserException("--length " + length + " is not a valid array length: give 1 or more");
        }
        if (index != null && type != null && length == null) {
            throw new UserException("--index with --type needs --length N, the length of the array to create");
        }
    }

    /** The key's info; an exception saying how to create it if it does not exist and no --type was given. */
    KeyInfo existing(SharedState state, String key, Path directory) {
        if (!state.contains(key)) {
            if (type == null) {
                throw new NoSuchKeyException("no key \"" + key + "\" in store " + directory
                        + "; give --type T to create it, such as --type q for an int64");
            }
            return null;
        }
        KeyInfo info = state.info(key);
        requireMatch(info);
        return info;
    }

    /** Checks that an existing key has what --type and --length ask for. */
    void requireMatch(KeyInfo info) {
        if (type != null && info.typecode() != type) {
            throw new UserException("key \"" + info.name() + "\" exists and holds " + info.typecode().describe()
                    + ", not " + type.describe() + "; nothing was changed");
        }
        if (length != null && (!info.isArray() || info.length() != length)) {
            throw new UserException("key \"" + info.name() + "\" exists and is " + (info.isArray() ? "an array of "
                    + info.length() : "a single value") + ", not an array of " + length + "; nothing was changed");
        }
    }

    /** Reads {@code --type q} or {@code --type int64}. */
    static final class TypeConverter implements ITypeConverter<TypeCode> {
        @Override
        public TypeCode convert(String value) {
            for (TypeCode type : TypeCode.values()) {
                if (value.equals(String.valueOf(type.code())) || value.toLowerCase(Locale.ROOT).equals(type.typeName())) {
                    return type;
                }
            }
            throw new TypeConversionException("'" + value + "' is neither a typecode (b B h H i I l L q Q f d c u ?) "
                    + "nor a type name such as int64 or float64");
        }
    }
}
