package io.sharedstate.cluster;

import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCheckedException;
import org.apache.ignite.IgniteException;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.lang.IgniteRunnable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * Runs on every server member for {@code sync()}: writes a checkpoint, so that every acknowledged change is in the
 * member's data files and not only in its write-ahead log. Ignite has no public call for it.
 */
final class CheckpointTask implements IgniteRunnable {
    private static final long serialVersionUID = 1L;

    @IgniteInstanceResource
    private transient Ignite ignite;

    @Override
    public void run() {
        try {
            ((IgniteEx) ignite).context().cache().context().database().waitForCheckpoint("shared-state sync");
        } catch (IgniteCheckedException e) {
            throw new IgniteException("checkpoint for sync() failed: " + e.getMessage(), e);
        }
    }
}
