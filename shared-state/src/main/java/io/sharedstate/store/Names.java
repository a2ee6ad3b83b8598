package io.sharedstate.store;

import io.sharedstate.InvalidNameException;

import java.nio.charset.StandardCharsets;

/** Validates key names: 1 to 255 bytes of UTF-8, no control characters. */
final class Names {
    private Names() {
    }

    static String validate(String name) {
        if (name == null) {
            throw new NullPointerException("key name is null");
        }
        if (name.isEmpty()) {
            throw new InvalidNameException("key name is empty");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > InvalidNameException.MAX_NAME_BYTES) {
            throw new InvalidNameException("key name \"" + abbreviate(name) + "\" is " + bytes
                    + " bytes in UTF-8; the limit is " + InvalidNameException.MAX_NAME_BYTES);
        }
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            if (Character.isISOControl(codePoint)) {
                throw new InvalidNameException("key name \"" + printable(name) + "\" contains the control "
                        + "character U+" + String.format("%04X", codePoint) + " at index " + i);
            }
            if (Character.isSurrogate(name.charAt(i)) && !Character.isSupplementaryCodePoint(codePoint)) {
                throw new InvalidNameException("key name \"" + printable(name) + "\" contains an unpaired "
                        + "surrogate at index " + i);
            }
            i += Character.charCount(codePoint);
        }
        return name;
    }

    private static String abbreviate(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "…" : name;
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return abbreviate(out.toString());
    }
}
