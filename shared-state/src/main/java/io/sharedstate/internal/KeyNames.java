package io.sharedstate.internal;

import io.sharedstate.InvalidNameException;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Validates key names: 1 to 255 bytes of UTF-8 once normalized, no control or invisible formatting characters.
 * Names are compared in Unicode normalization form C: "é" typed as one code point and as "e" + a combining accent
 * are the same key, as they look the same. Characters that change how text reads without being seen (right-to-left
 * overrides, zero-width spaces and joiners, byte-order marks) are refused, so that no name can pass for another in
 * a tool's output.
 */
public final class KeyNames {
    private static final int MAX_SHOWN = 40;

    private KeyNames() {
    }

    /** Returns {@code name} in normalization form C, after checking it is a valid key name. */
    public static String validate(String name) {
        if (name == null) {
            throw new NullPointerException("key name is null");
        }
        String normalized = normalize(name);
        if (normalized.isEmpty()) {
            throw new InvalidNameException("key name is empty");
        }
        int bytes = normalized.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > InvalidNameException.MAX_NAME_BYTES) {
            throw new InvalidNameException("key name \"" + printable(normalized) + "\" is " + bytes
                    + " bytes in UTF-8; the limit is " + InvalidNameException.MAX_NAME_BYTES);
        }
        for (int i = 0; i < normalized.length(); ) {
            int codePoint = normalized.codePointAt(i);
            if (Character.isISOControl(codePoint)) {
                throw new InvalidNameException("key name \"" + printable(normalized) + "\" contains the control "
                        + "character U+" + String.format("%04X", codePoint) + " at index " + i);
            }
            if (Character.getType(codePoint) == Character.FORMAT) {
                throw new InvalidNameException("key name \"" + printable(normalized) + "\" contains the invisible "
                        + "formatting character U+" + String.format("%04X", codePoint) + " at index " + i
                        + " (such as a right-to-left override or a zero-width space), which would let one name pass "
                        + "for another");
            }
            if (Character.isSurrogate(normalized.charAt(i)) && !Character.isSupplementaryCodePoint(codePoint)) {
                throw new InvalidNameException("key name \"" + printable(normalized) + "\" contains an unpaired "
                        + "surrogate at index " + i);
            }
            i += Character.charCount(codePoint);
        }
        return normalized;
    }

    /** Returns {@code text} in Unicode normalization form C. */
    public static String normalize(String text) {
        return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /**
     * Returns a name as it may be shown in a message or a tool's output: control and formatting characters
     * escaped as {@code \\uXXXX}, and cut at 40 characters.
     */
    public static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || (Character.isSurrogate((char) c) && !Character.isSupplementaryCodePoint(c))) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.length() > MAX_SHOWN ? out.substring(0, MAX_SHOWN) + "…" : out.toString();
    }
}
