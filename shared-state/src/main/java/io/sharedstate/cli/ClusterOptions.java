package io.sharedstate.cli;

import io.sharedstate.SharedState;
import io.sharedstate.internal.RemoteStoreProvider;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the commands that also work on a cluster share: their DIR may be {@code cluster:HOST:PORT[,HOST:PORT...]},
 * the discovery addresses of some of a cluster's members, and two options for this process's own client node. The
 * prefix keeps every command's arguments in the same places for a cluster as for a directory; a directory whose
 * name starts with {@code cluster:} is written {@code ./cluster:...}.
 */
final class ClusterOptions {
    static final String PREFIX = "cluster:";
    /** The line of the commands' help that says DIR may name a cluster; a constant, for their annotations. */
    static final String HELP = "DIR may be cluster:HOST:PORT[,HOST:PORT...] instead, some of a cluster's members "
            + "(HOST:FROM..TO for a range of ports); see 'A cluster' in docs/ops.md.";
    /** The commands that work on a cluster, for the messages of the others. */
    static final String COMMANDS = "dump, get, set, incr, rm, stat, watch, journal";

    private static final Pattern ADDRESS = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s:,\\[\\]]+):(\\d{1,5})"
            + "(?:\\.\\.(\\d{1,5}))?");

    @Option(names = "--local-address", paramLabel = "ADDR", description = "With a cluster: the address this "
            + "command listens and connects on; by default the one this machine reaches the first member from.")
    String localAddress;

    @Option(names = "--local-port", paramLabel = "PORT", description = "With a cluster: the first port this command "
            + "listens on for the members' connections (default 47100; the next nine are tried).")
    Integer localPort;

    /** Returns whether {@code directory} names a cluster rather than a directory. */
    static boolean namesCluster(Path directory) {
        return directory.toString().startsWith(PREFIX);
    }

    /**
     * Checks that the options fit DIR: they apply to a cluster only.
     *
     * @throws UserException if one was given with a directory
     */
    void checkFor(Path directory) {
        if (namesCluster(directory)) {
            return;
        }
        if (localAddress != null || localPort != null) {
            throw new UserException((localAddress != null ? "--local-address" : "--local-port") + " applies to a "
                    + "cluster, and " + directory + " names a directory; a cluster is named " + PREFIX
                    + "HOST:PORT[,HOST:PORT...]");
        }
    }

    /**
     * Joins the cluster {@code directory} names as a client.
     *
     * @throws UserException if the addresses are malformed, or this CLI has no cluster support
     */
    SharedState open(Path directory) {
        String name = directory.toString();
        RemoteStoreProvider.Location location = new RemoteStoreProvider.Location(addresses(name), localAddress,
                localPort == null ? 0 : checkedPort(localPort, "--local-port " + localPort));
        return ClusterStores.open(name, location);
    }

    /** Returns the member addresses of {@code cluster:A,B,...}, each {@code host:port} or {@code host:from..to}. */
    static List<String> addresses(String name) {
        String list = name.substring(PREFIX.length());
        List<String> addresses = new ArrayList<>();
        for (String address : list.split(",", -1)) {
            Matcher matcher = ADDRESS.matcher(address);
            if (!matcher.matches()) {
                throw new UserException(malformed(name, address));
            }
            int from = checkedPort(Integer.parseInt(matcher.group(2)), malformed(name, address));
            if (matcher.group(3) != null && checkedPort(Integer.parseInt(matcher.group(3)), malformed(name, address))
                    < from) {
                throw new UserException(malformed(name, address) + "; a range of ports goes up, as in 47500..47509");
            }
            addresses.add(address);
        }
        return addresses;
    }

    private static String malformed(String name, String address) {
        return name + ": \"" + address + "\" is not a member's address: give " + PREFIX + "HOST:PORT[,HOST:PORT...] "
                + "(HOST:FROM..TO for a range of ports), such as " + PREFIX + "10.0.0.5:47500,10.0.0.6:47500";
    }

    private static int checkedPort(int port, String what) {
        if (port < 1 || port > 65_535) {
            throw new UserException(what + ": a port is 1 to 65535");
        }
        return port;
    }
}
