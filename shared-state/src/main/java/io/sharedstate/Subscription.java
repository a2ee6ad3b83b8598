package io.sharedstate;

/** A live watch of the change journal; closing it stops delivery and ends its thread. */
public interface Subscription extends AutoCloseable {
    /**
     * Returns how many events this subscription has delivered so far.
     *
     * @return the events passed to the listener, {@link ChangeEvent.Operation#GAP} events included, whether or not
     *         it threw
     */
    long delivered();

    /**
     * Returns whether {@link #close()} was called.
     *
     * @return true once {@link #close()} has stopped delivery
     */
    boolean isClosed();

    /**
     * Delivers what was journaled before this call (by this process, and by others as far as it reached the
     * journal), then stops delivery and ends the delivering thread. Idempotent.
     */
    @Override
    void close();

    /**
     * Returns how many changes this subscription learned it missed.
     *
     * @return the number of changes counted by the {@link ChangeEvent.Operation#GAP} events delivered so far
     */
    long missed();
}
