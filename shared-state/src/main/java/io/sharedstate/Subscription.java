package io.sharedstate;

/** A live watch of the change journal; closing it stops delivery and ends its thread. */
public interface Subscription extends AutoCloseable {
    /** Returns how many events this subscription has delivered so far. */
    long delivered();

    /** Returns whether {@link #close()} was called. */
    boolean isClosed();

    /** Stops delivery and waits for the delivering thread to finish its current event. */
    @Override
    void close();
}
