package io.sharedstate.cluster;

/**
 * What one call does to a key: from the key's entry, the values it leaves and what the caller gets. It runs inside
 * the key's transaction, on the caller's thread; if the transaction has to be tried again after a member failed,
 * {@link KeyTransactions} reuses the effect computed for the same version instead of running it again.
 */
@FunctionalInterface
interface Change {
    /**
     * Returns the effect of this change on {@code current}.
     *
     * @param current the key's entry, read under its lock
     * @return the effect; {@link Effect#none} writes nothing
     */
    Effect apply(StoredValue current);
}
