package io.sharedstate.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lists the sockets a process has open whose local or remote address is not loopback (or, for a listening socket,
 * not bound to loopback), from /proc: its socket inodes in /proc/PID/fd, matched against /proc/PID/net/{tcp,udp}
 * and their IPv6 twins.
 */
final class SocketAudit {
    private static final List<String> TABLES = List.of("tcp", "tcp6", "udp", "udp6");

    private SocketAudit() {
    }

    /** Returns a description of each socket of {@code pid} that is not on loopback; empty if all are. */
    static List<String> nonLoopbackSockets(long pid) throws IOException {
        Set<String> inodes = socketInodes(pid);
        List<String> offenders = new ArrayList<>();
        int matched = 0;
        for (String table : TABLES) {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (!inodes.contains(fields[9])) {
                    continue;
                }
                matched++;
                String local = fields[1];
                String remote = fields[2];
                if (!isLoopback(address(local)) || !(isLoopback(address(remote)) || isUnspecified(address(remote)))) {
                    offenders.add(table + " local " + local + " remote " + remote);
                }
            }
        }
        if (matched == 0) {
            offenders.add("no sockets found for pid " + pid + " (is /proc readable?)");
        }
        return offenders;
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // The descriptor was closed meanwhile.
                }
            });
        }
        return inodes;
    }

    /** The hex address part of {@code ADDR:PORT}. */
    private static String address(String endpoint) {
        return endpoint.substring(0, endpoint.indexOf(':'));
    }

    /** 127.x.x.x (stored little-endian: the last byte is 7F), ::1, or ::ffff:127.x.x.x. */
    private static boolean isLoopback(String hex) {
        if (hex.length() == 8) {
            return hex.endsWith("7F");
        }
        return hex.equals("00000000000000000000000001000000")
                || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
    }

    private static boolean isUnspecified(String hex) {
        return hex.chars().allMatch(c -> c == '0');
    }
}
