package io.sharedstate.demo;

import java.util.Arrays;
import java.util.Locale;

/** How the demo writes numbers, durations and arrays. */
final class Format {
    private Format() {
    }

    /** Returns {@code 1,234,567}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Returns a duration in seconds with two decimals, such as {@code 1.25 s}. */
    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** Returns a duration given in microseconds in the unit that reads best: {@code 850 us}, {@code 12.3 ms}. */
    static String micros(long micros) {
        if (micros < 1_000) {
            return micros + " us";
        }
        return String.format(Locale.ROOT, "%.1f ms", micros / 1e3);
    }

    /** Returns a rate such as {@code 3.42 M/s}. */
    static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M/s", perSecond / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f k/s", perSecond / 1e3);
    }

    /** Returns a percentage with one decimal. */
    static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
    }

    /** Returns a value for a check line: arrays as {@code [1, 2]}, numbers with separators. */
    static String value(Object value) {
        if (value instanceof long[]) {
            return Arrays.toString((long[]) value);
        }
        if (value instanceof double[]) {
            return Arrays.toString((double[]) value);
        }
        if (value instanceof Long || value instanceof Integer) {
            return count(((Number) value).longValue());
        }
        return String.valueOf(value);
    }
}
