package io.sharedstate.cli;

import java.util.regex.Pattern;

/**
 * The {@code --match} glob of {@code dump}, {@code journal} and {@code watch}, as Redis's {@code KEYS}: {@code *}
 * any run of characters, {@code ?} one character, {@code [abc]}, {@code [a-z]} and {@code [!a]} one of (or none
 * of) a set, {@code \} before a character takes it literally. The JDK's {@code glob:} matchers are for paths
 * ({@code *} stops at {@code /}, names are normalized); key names are not paths, hence this translation.
 */
final class KeyPattern {
    private static final String GLOB_CHARACTERS = "*?[\\";

    private final String glob;
    private final Pattern regex;
    private final String literalPrefix;

    private KeyPattern(String glob, Pattern regex, String literalPrefix) {
        this.glob = glob;
        this.regex = regex;
        this.literalPrefix = literalPrefix;
    }

    /** Returns the pattern; {@code null} or empty matches every key. */
    static KeyPattern of(String glob) {
        if (glob == null || glob.isEmpty()) {
            return new KeyPattern("*", null, "");
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder prefix = new StringBuilder();
        boolean literal = true;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\' && i + 1 < glob.length()) {
                char next = glob.charAt(++i);
                regex.append(Pattern.quote(String.valueOf(next)));
                if (literal) {
                    prefix.append(next);
                }
                continue;
            }
            int end = c == '[' ? glob.indexOf(']', i + 2) : -1;
            if (c == '*' || c == '?' || end > 0) {
                literal = false;
            }
            if (c == '*') {
                regex.append("(?s:.*)");
            } else if (c == '?') {
                regex.append("(?s:.)");
            } else if (end > 0) {
                regex.append(characterClass(glob.substring(i + 1, end)));
                i = end;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                if (literal) {
                    prefix.append(c);
                }
            }
        }
        return new KeyPattern(glob, Pattern.compile(regex.toString()), prefix.toString());
    }

    private static String characterClass(String body) {
        boolean negated = body.startsWith("!") || body.startsWith("^");
        String set = negated ? body.substring(1) : body;
        StringBuilder out = new StringBuilder(negated ? "[^" : "[");
        for (int i = 0; i < set.length(); i++) {
            char c = set.charAt(i);
            boolean range = c == '-' && i > 0 && i < set.length() - 1;
            if (!range && "\\[]^&-".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append(']').toString();
    }

    /** Returns whether {@code name} matches. */
    boolean matches(String name) {
        return regex == null || regex.matcher(name).matches();
    }

    /** Returns what every matching name starts with: the scan can skip the others cheaply. */
    String literalPrefix() {
        return literalPrefix;
    }

    @Override
    public String toString() {
        return glob;
    }

    /** Returns whether a {@code --prefix} looks like a glob, which it is not. */
    static boolean looksLikeGlob(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (GLOB_CHARACTERS.indexOf(prefix.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
