package io.sharedstate.cluster;

import io.sharedstate.ChangeEvent.Operation;

/**
 * The effect of a {@link Change}: the key's new values and its journal record, or nothing written, and the result
 * the caller gets (a canonical value, and whether a compare-and-set succeeded).
 *
 * @param newValues the key's values after the change, or null if the change writes nothing
 * @param operation the journal operation
 * @param index the element changed, or -1
 * @param journaled the values the journal record carries (see {@link io.sharedstate.ChangeEvent#values()})
 * @param delta the amount added, or null
 * @param result the canonical value returned to the caller
 * @param succeeded false for a compare-and-set that found another value
 */
record Effect(long[] newValues, Operation operation, int index, long[] journaled, Long delta, long result,
              boolean succeeded) {

    static Effect none(long result, boolean succeeded) {
        return new Effect(null, null, -1, null, null, result, succeeded);
    }

    boolean writes() {
        return newValues != null;
    }
}
