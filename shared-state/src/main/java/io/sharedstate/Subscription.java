package io.sharedstate;

/** A live watch of the change journal; closing it stops delivery and ends its thread. */
public interface Subscription extends AutoCloseable {
    /** Returns how many events this subscription has delivered so far. */
    long delivered();

    /** Returns whether {@link #close()} was called. */
    boolean isClosed();

    /**
     * Delivers what was journaled before this call (by this process, and by others as far as it reached the
     * journal), then stops delivery and ends the delivering thread. Idempotent.
     */
    @Override
    void close();

    /** Returns how many changes this subscription learned it missed (journal gaps it was told about). */
    long missed();
}
