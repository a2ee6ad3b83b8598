package io.sharedstate.cli;

import io.sharedstate.SharedState;
import io.sharedstate.SharedStateException;
import io.sharedstate.internal.RemoteStoreProvider;

import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Opens clusters through the cluster module's {@link RemoteStoreProvider}, found with {@link ServiceLoader}: the
 * library never depends on that module, which brings Apache Ignite. The CLI jar of the library alone has none, and
 * says so; the cluster module's CLI jar has it.
 */
final class ClusterStores {
    private static final String SCHEME = "cluster";
    /** After this long joining, say on stderr what the command is waiting for: a cluster that is down takes long. */
    private static final long NOTE_AFTER_MILLIS = 3_000;

    private ClusterStores() {
    }

    /**
     * Joins the cluster {@code name} as a client; says on stderr if that takes more than a few seconds.
     *
     * @throws UserException if this CLI has no cluster support
     */
    static SharedState open(String name, RemoteStoreProvider.Location location) {
        RemoteStoreProvider provider = provider(name);
        // Ignite logs its start-up as warnings and a failed join as errors with stack traces, which the message of
        // the exception says in one line; a user's -D setting wins.
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.ignite") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.ignite", "off");
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shared-state-join-note");
            thread.setDaemon(true);
            return thread;
        });
        timer.schedule(() -> Main.info("joining the cluster at " + String.join(",", location.addresses())
                + "; Ctrl-C to give up"), NOTE_AFTER_MILLIS, TimeUnit.MILLISECONDS);
        try {
            return provider.open(location);
        } catch (SharedStateException e) {
            throw new UserException("cannot join the cluster " + name + ": " + rootMessage(e) + "; are its members "
                    + "running, and reachable from this machine" + (location.localAddress() == null ? "" : " at "
                    + location.localAddress()) + "?");
        } finally {
            timer.shutdownNow();
        }
    }

    /** The innermost message: Ignite wraps the reason (a join that timed out) in layers of start-up failures. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage().trim();
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    /** Returns the processes of a cluster that {@link #open} joined. */
    static List<RemoteStoreProvider.Member> members(String name, SharedState state) {
        return provider(name).members(state);
    }

    private static RemoteStoreProvider provider(String name) {
        for (RemoteStoreProvider provider : ServiceLoader.load(RemoteStoreProvider.class)) {
            if (provider.scheme().equals(SCHEME)) {
                return provider;
            }
        }
        String version = Main.class.getPackage().getImplementationVersion();
        throw new UserException(name + " names a cluster, but this CLI has no cluster support: the cluster module "
                + "(shared-state-cluster) is not on its classpath. Use the cluster CLI, shared-state-cluster-"
                + (version == null ? "VERSION" : version) + "-cli.jar (built in shared-state/cluster/target by "
                + "mvn package; bin/shared-state in a checkout picks it for a cluster)");
    }
}
