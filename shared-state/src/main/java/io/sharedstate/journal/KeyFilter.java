package io.sharedstate.journal;

/** Which keys a watcher wants: all of them, one by name, or those whose names start with a prefix. */
public final class KeyFilter {
    private static final KeyFilter ALL = new KeyFilter("", false);

    private final String text;
    private final boolean exact;

    private KeyFilter(String text, boolean exact) {
        this.text = text;
        this.exact = exact;
    }

    /** Returns the filter that matches every key. */
    public static KeyFilter all() {
        return ALL;
    }

    /** Returns the filter that matches the key named {@code name} only. */
    public static KeyFilter exactly(String name) {
        return new KeyFilter(name, true);
    }

    /** Returns the filter that matches the keys whose names start with {@code prefix}. */
    public static KeyFilter prefix(String prefix) {
        return prefix.isEmpty() ? ALL : new KeyFilter(prefix, false);
    }

    /** Returns whether the key named {@code name} matches; a journal gap of all keys (an empty name) always does. */
    public boolean matches(String name) {
        if (name.isEmpty() || this == ALL) {
            return true;
        }
        return exact ? name.equals(text) : name.startsWith(text);
    }

    /** Returns a short description, for thread names: "", "=name" or "name*". */
    public String describe() {
        return this == ALL ? "" : exact ? "=" + text : text + "*";
    }

    @Override
    public String toString() {
        return "KeyFilter{" + describe() + "}";
    }
}
