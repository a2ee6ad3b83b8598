package io.sharedstate.demo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads figures such as {@code 1,234,567} out of the launcher's output lines. */
final class Numbers {
    private Numbers() {
    }

    /** Returns the groups of {@code regex} in {@code line} as longs, thousands separators removed. */
    static long[] parse(String line, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(line);
        assertTrue(matcher.find(), () -> "\"" + line + "\" does not match " + regex);
        long[] values = new long[matcher.groupCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Long.parseLong(matcher.group(i + 1).replace(",", ""));
        }
        return values;
    }
}
