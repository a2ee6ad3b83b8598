package io.sharedstate.micrometer;

import io.sharedstate.KeyRemovedException;
import io.sharedstate.SharedState;
import io.sharedstate.SharedStateException;
import io.sharedstate.SharedValue;

/**
 * Reads one key's value for a gauge: attaches when the key exists, lets go when it is removed (never creating it
 * again, as {@link SharedValue#reattach()} would), and never waits for the key's lock.
 */
final class KeyReader {
    private final SharedState state;
    private final String key;
    private SharedValue handle;

    KeyReader(SharedState state, String key) {
        this.state = state;
        this.key = key;
    }

    synchronized double read() {
        if (state.isClosed()) {
            return Double.NaN;
        }
        try {
            if (handle == null) {
                if (!state.contains(key)) {
                    return Double.NaN;
                }
                handle = state.value(key);
            }
            return handle.peek().doubleValue();
        } catch (KeyRemovedException e) {
            handle = null;
            return Double.NaN;
        } catch (SharedStateException e) {
            // The key went between contains() and value(), is an array, or the store was closed meanwhile.
            return Double.NaN;
        }
    }
}
