package io.sharedstate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sharedstate.TypeCode;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Values as the command line writes and reads them, per typecode.
 *
 * <ul>
 *   <li>Integers ({@code b B h H i I l L q Q}): decimal, or hexadecimal with {@code 0x}; an optional sign.</li>
 *   <li>Floats ({@code f d}): decimal or scientific notation, {@code inf}, {@code -inf}, {@code nan}. A
 *       {@code 'f'} prints as the shortest decimal that reads back as the same float.</li>
 *   <li>{@code '?'}: {@code true}/{@code false}, and {@code 1}/{@code 0} on input.</li>
 *   <li>{@code 'c'} (a byte) and {@code 'u'} (a code point): exactly one character is that character;
 *       anything longer is a number ({@code 65}, {@code 0x41}, {@code U+00E9}). Printable characters other than
 *       the space print as themselves; others as {@code 0x07} ({@code 'c'}) or {@code U+0007} ({@code 'u'}), so
 *       that what {@code get} prints, {@code set} reads back.</li>
 * </ul>
 * In JSON, integers, floats and {@code 'c'}/{@code 'u'} are numbers and {@code '?'} is a boolean; NaN and the
 * infinities are the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 */
final class Values {
    private static final Pattern INTEGER = Pattern.compile("[+-]?(0[xX][0-9a-fA-F]+|[0-9]+)");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?|inf|infinity|nan)", Pattern.CASE_INSENSITIVE);
    private static final BigInteger MIN_DELTA = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_DELTA = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Values() {
    }

    // ---- text

    /** Returns the value as {@code get} prints it and {@code set} reads it. */
    static String text(TypeCode type, Number value) {
        switch (type) {
            case BOOL:
                return value.longValue() != 0 ? "true" : "false";
            case FLOAT32:
                return Float.toString(value.floatValue());
            case CHAR:
                return isPrintableAscii(value.intValue()) ? Character.toString(value.intValue())
                        : String.format("0x%02x", value.intValue());
            case WCHAR:
                return isPrintable(value.intValue()) ? Character.toString(value.intValue())
                        : String.format("U+%04X", value.intValue());
            default:
                return value.toString();
        }
    }

    /** Returns the values separated by spaces, the form {@code set} takes back as arguments. */
    static String words(TypeCode type, List<Number> values) {
        StringBuilder text = new StringBuilder();
        for (Number value : values) {
            text.append(text.length() == 0 ? "" : " ").append(text(type, value));
        }
        return text.toString();
    }

    /** Returns a single value as is, and an array's elements as {@code [1, 2, 3]}. */
    static String display(TypeCode type, boolean array, List<Number> values) {
        if (!array && values.size() == 1) {
            return text(type, values.get(0));
        }
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(text(type, values.get(i)));
        }
        return text.append(']').toString();
    }

    private static boolean isPrintableAscii(int c) {
        return c > 0x20 && c < 0x7F;
    }

    private static boolean isPrintable(int codePoint) {
        if (codePoint <= 0x20 || !Character.isValidCodePoint(codePoint)) {
            return false;
        }
        switch (Character.getType(codePoint)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.SPACE_SEPARATOR:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    // ---- JSON

    /** Writes one value as a JSON number or boolean. */
    static void writeJson(JsonGenerator json, TypeCode type, Number value) throws IOException {
        switch (type) {
            case BOOL:
                json.writeBoolean(value.longValue() != 0);
                break;
            case FLOAT32:
                json.writeNumber(value.floatValue());
                break;
            case FLOAT64:
                json.writeNumber(value.doubleValue());
                break;
            default:
                if (value instanceof BigInteger) {
                    json.writeNumber((BigInteger) value);
                } else {
                    json.writeNumber(value.longValue());
                }
        }
    }

    /** Writes a single value as is, and an array as a JSON list. */
    static void writeJson(JsonGenerator json, TypeCode type, boolean array, List<Number> values) throws IOException {
        if (!array && values.size() == 1) {
            writeJson(json, type, values.get(0));
            return;
        }
        json.writeStartArray();
        for (Number value : values) {
            writeJson(json, type, value);
        }
        json.writeEndArray();
    }

    /** Returns the characters of a {@code 'c'} or {@code 'u'} key as a string, for the JSON {@code text} field. */
    static String chars(List<Number> values) {
        StringBuilder text = new StringBuilder(values.size());
        for (Number value : values) {
            int codePoint = value.intValue();
            if (Character.isValidCodePoint(codePoint)) {
                text.appendCodePoint(codePoint);
            } else {
                text.append('\uFFFD');
            }
        }
        return text.toString();
    }

    // ---- parsing

    /**
     * Parses a value for a key of {@code type}.
     *
     * @throws UserException if it does not parse; the range is checked when the value is stored
     */
    static Number parse(TypeCode type, String text, String key) {
        String s = text.trim();
        switch (type) {
            case BOOL:
                switch (s.toLowerCase(Locale.ROOT)) {
                    case "true":
                    case "1":
                        return 1L;
                    case "false":
                    case "0":
                        return 0L;
                    default:
                        throw invalid(type, text, key, "true, false, 1 or 0");
                }
            case FLOAT32:
            case FLOAT64:
                return parseFloat(type, text, key);
            case CHAR:
            case WCHAR:
                if (text.codePointCount(0, text.length()) == 1) {
                    return (long) text.codePointAt(0);
                }
                if (s.regionMatches(true, 0, "U+", 0, 2) && s.length() > 2) {
                    return parseInteger(type, "0x" + s.substring(2), key, text);
                }
                return parseInteger(type, s, key, text);
            default:
                return parseInteger(type, s, key, text);
        }
    }

    /** Parses the amount for {@code incr}: any whole number for integer kinds (it wraps), any number for floats. */
    static Number parseDelta(TypeCode type, String text, String key) {
        if (type.isFloatingPoint()) {
            return parseFloat(type, text, key);
        }
        if (!type.isInteger()) {
            throw new UserException("key \"" + key + "\" holds " + type.describe() + ": incr applies to integer and "
                    + "floating-point keys only; use set");
        }
        Number delta = parseInteger(type, text.trim(), key, text);
        BigInteger big = delta instanceof BigInteger ? (BigInteger) delta : BigInteger.valueOf(delta.longValue());
        if (big.compareTo(MIN_DELTA) < 0 || big.compareTo(MAX_DELTA) > 0) {
            throw new UserException("delta " + text + " for key \"" + key + "\" is out of range: give a whole number "
                    + "from " + MIN_DELTA + " to " + MAX_DELTA);
        }
        return big.bitLength() < 64 ? (Number) big.longValue() : big;
    }

    private static Number parseInteger(TypeCode type, String s, String key, String original) {
        if (!INTEGER.matcher(s).matches()) {
            throw invalid(type, original, key, type.isInteger() ? "a whole number such as 42 or 0x2a"
                    : "one character, or its number such as 65, 0x41 or U+0041");
        }
        boolean negative = s.startsWith("-");
        String digits = s.startsWith("+") || negative ? s.substring(1) : s;
        BigInteger value = digits.length() > 2 && (digits.charAt(1) == 'x' || digits.charAt(1) == 'X')
                ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits);
        value = negative ? value.negate() : value;
        return value.bitLength() < 64 ? (Number) value.longValue() : value;
    }

    private static Number parseFloat(TypeCode type, String text, String key) {
        String s = text.trim();
        if (!FLOAT.matcher(s).matches()) {
            throw invalid(type, text, key, "a number such as 1.5, -2e-3, inf or nan");
        }
        String lower = s.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        double sign = lower.startsWith("-") ? -1 : 1;
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        if (unsigned.startsWith("inf")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(s);
    }

    private static UserException invalid(TypeCode type, String text, String key, String expected) {
        return new UserException("\"" + text + "\" is not a valid value for key \"" + key + "\", which holds "
                + type.describe() + ": expected " + expected);
    }
}
