package io.sharedstate.testing;

import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;
import io.sharedstate.Subscription;
import net.openhft.chronicle.map.ChronicleMap;

import java.net.SocketPermission;
import java.nio.file.Path;
import java.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs a workload under a security manager that records every network permission asked for (DNS lookups,
 * connects, listens), then prints them: {@code NetworkProbe library DIR} uses the library as users do;
 * {@code NetworkProbe raw-chronicle DIR} uses Chronicle Map directly, as a control that the probe sees
 * Chronicle's usage reporting when it is not switched off.
 */
public final class NetworkProbe {
    private static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

    private NetworkProbe() {
    }

    @SuppressWarnings("removal")
    public static void main(String[] args) throws Exception {
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkPermission(Permission permission) {
                if (permission instanceof SocketPermission) {
                    ATTEMPTS.add(permission.getName() + " " + permission.getActions());
                }
            }

            @Override
            public void checkPermission(Permission permission, Object context) {
                checkPermission(permission);
            }
        });
        Path dir = Path.of(args[1]);
        if (args[0].equals("library")) {
            useLibrary(dir);
        } else {
            useChronicleDirectly(dir);
        }
        // Usage reporting runs on a background thread: give it time to try.
        Thread.sleep(Long.parseLong(args[2]));
        System.out.println("attempts " + ATTEMPTS.size() + " " + ATTEMPTS);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static void useLibrary(Path dir) {
        try (SharedState state = SharedState.open(dir)) {
            SharedLong hits = state.longValue("hits", 0);
            try (Subscription watch = state.watch(event -> { })) {
                for (int i = 0; i < 1000; i++) {
                    hits.incrementAndGet();
                }
            }
            state.doubleArray("arr", 1.0, 2.0).set(0, 3.0);
            state.journal().lastSequence();
        }
    }

    private static void useChronicleDirectly(Path dir) throws Exception {
        try (ChronicleMap<CharSequence, byte[]> map = ChronicleMap.of(CharSequence.class, byte[].class)
                .entries(100).averageKeySize(8).averageValueSize(8)
                .createPersistedTo(dir.resolve("raw.cm3").toFile())) {
            map.put("k", new byte[8]);
        }
    }
}
