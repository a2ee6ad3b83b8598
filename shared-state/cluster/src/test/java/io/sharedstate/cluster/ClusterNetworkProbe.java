package io.sharedstate.cluster;

import io.sharedstate.SharedState;

import java.net.SocketPermission;
import java.nio.file.Path;
import java.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs a one-member cluster under a security manager that records every network permission asked for with a host
 * other than loopback (DNS lookups, connects, listens, multicast), then prints them:
 * {@code ClusterNetworkProbe DIR SETTLE_MILLIS}.
 */
public final class ClusterNetworkProbe {
    private static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();
    private static final String HOST_NAME = hostName();

    private ClusterNetworkProbe() {
    }

    private static String hostName() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("removal")
    public static void main(String[] args) throws Exception {
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkPermission(Permission permission) {
                if (permission instanceof SocketPermission && !isLoopback(permission.getName())
                        && !isOwnNameLookup((SocketPermission) permission)) {
                    ATTEMPTS.add(permission.getName() + " " + permission.getActions());
                }
            }

            @Override
            public void checkPermission(Permission permission, Object context) {
                checkPermission(permission);
            }
        });
        try (SharedState state = TestClusters.member(Path.of(args[0]), 0, 1).open()) {
            state.longValue("probe").incrementAndGet();
            // The update notifier tries on a background thread 4 to 6 s after start (measured with it on): wait
            // longer than that for an attempt, and stop at the first.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[1]));
            while (ATTEMPTS.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        System.out.println("attempts " + ATTEMPTS.size() + " " + ATTEMPTS);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /**
     * Ignite looks up this machine's own name to list the node's addresses; that name resolves from /etc/hosts (as on
     * this machine), not through the network, so it is not counted.
     */
    private static boolean isOwnNameLookup(SocketPermission permission) {
        return permission.getActions().equals("resolve") && permission.getName().equals(HOST_NAME);
    }

    private static boolean isLoopback(String name) {
        String host = name.contains(":") && !name.startsWith("[") ? name.substring(0, name.lastIndexOf(':')) : name;
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.isEmpty();
    }
}
