package io.sharedstate.store;

/** The kinds of handle, one per public handle type; a process caches one handle per name and kind. */
enum HandleKind {
    LONG, INT, DOUBLE, VALUE, LONG_ARRAY, INT_ARRAY, DOUBLE_ARRAY, VALUE_ARRAY;

    /** Returns a new handle of this kind on {@code entry}. */
    EntryHandle create(ChronicleSharedState owner, String name, EntryView entry, KeySpec spec) {
        switch (this) {
            case LONG:
                return new LongHandle(owner, name, entry, spec);
            case INT:
                return new IntHandle(owner, name, entry, spec);
            case DOUBLE:
                return new DoubleHandle(owner, name, entry, spec);
            case VALUE:
                return new ValueHandle(owner, name, entry, spec);
            case LONG_ARRAY:
                return new LongArrayHandle(owner, name, entry, spec);
            case INT_ARRAY:
                return new IntArrayHandle(owner, name, entry, spec);
            case DOUBLE_ARRAY:
                return new DoubleArrayHandle(owner, name, entry, spec);
            default:
                return new ValueArrayHandle(owner, name, entry, spec);
        }
    }

    /** Returns the general kind for an entry of this shape, for handles made for locks and tools. */
    static HandleKind general(EntryView entry) {
        return entry.isArray() ? VALUE_ARRAY : VALUE;
    }

    /** Returns the kind of {@code handle}. */
    static HandleKind of(EntryHandle handle) {
        if (handle instanceof LongHandle) {
            return LONG;
        } else if (handle instanceof IntHandle) {
            return INT;
        } else if (handle instanceof DoubleHandle) {
            return DOUBLE;
        } else if (handle instanceof ValueHandle) {
            return VALUE;
        } else if (handle instanceof LongArrayHandle) {
            return LONG_ARRAY;
        } else if (handle instanceof IntArrayHandle) {
            return INT_ARRAY;
        } else if (handle instanceof DoubleArrayHandle) {
            return DOUBLE_ARRAY;
        }
        return VALUE_ARRAY;
    }

    @SuppressWarnings("unchecked")
    <T> T cast(EntryHandle handle) {
        return (T) handle;
    }
}
