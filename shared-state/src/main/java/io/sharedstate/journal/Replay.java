package io.sharedstate.journal;

import io.sharedstate.ChangeEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Rebuilds values by applying journal events in order: a scalar to its Number, an array to a List. A
 * {@link io.sharedstate.ChangeEvent.Operation#COALESCED} event sets the values it carries; a GAP applies nothing.
 */
public final class Replay {
    private final SortedMap<String, Object> values = new TreeMap<>();

    private Replay() {
    }

    /** Applies {@code events}, in order, to an empty state and returns the result. */
    public static SortedMap<String, Object> of(Stream<ChangeEvent> events) {
        Replay replay = new Replay();
        events.forEachOrdered(replay::apply);
        return replay.result();
    }

    private void apply(ChangeEvent event) {
        String key = event.key();
        switch (event.operation()) {
            case REMOVE:
                values.remove(key);
                break;
            case GAP:
                // Nothing to apply: what is lost is lost; a later event with all of a key's values mends it.
                break;
            case CREATE:
            case FILL:
            case LOCK_RECOVERED:
            case COALESCED:
                values.put(key, event.isArray() ? new ArrayList<>(event.values()) : event.values().get(0));
                break;
            case ARRAY_SET:
            case ARRAY_ADD:
            case CAS:
                if (event.isArray()) {
                    setElement(event);
                } else {
                    values.put(key, event.values().get(0));
                }
                break;
            default:
                values.put(key, event.values().get(0));
        }
    }

    @SuppressWarnings("unchecked")
    private void setElement(ChangeEvent event) {
        Object array = values.get(event.key());
        if (array instanceof List && event.index() >= 0 && event.index() < ((List<Number>) array).size()) {
            ((List<Number>) array).set(event.index(), event.values().get(0));
        }
    }

    private SortedMap<String, Object> result() {
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (entry.getValue() instanceof List) {
                entry.setValue(Collections.unmodifiableList((List<?>) entry.getValue()));
            }
        }
        return Collections.unmodifiableSortedMap(values);
    }
}
