package io.sharedstate.internal;

/**
 * Sets the system properties Chronicle reads once, when its classes load: no usage reporting over the network,
 * no banner, no disk-monitor thread, and a short segment-lock timeout so that a lock left by a dead process is
 * reported instead of hanging for a minute. Must run before any Chronicle class is loaded; every entry point
 * (the library's open, the CLI, the demo) calls {@link #configure()} first.
 */
public final class ChronicleBootstrap {
    /** Seconds a Chronicle Map segment lock is waited for before Chronicle gives up. */
    public static final int SEGMENT_LOCK_TIMEOUT_SECONDS = 5;

    private ChronicleBootstrap() {
    }

    /** Sets the properties; idempotent and cheap. */
    public static void configure() {
        Holder.touch();
    }

    private static final class Holder {
        static {
            // Forced, not defaulted: this software must make no network traffic, whatever the environment says.
            System.setProperty("chronicle.analytics.disable", "true");
            setIfAbsent("chronicle.announcer.disable", "true");
            setIfAbsent("chronicle.disk.monitor.disable", "true");
            setIfAbsent("net.openhft.chronicle.map.lockTimeoutSeconds", Integer.toString(SEGMENT_LOCK_TIMEOUT_SECONDS));
        }

        static void touch() {
            // Loading this class runs the static initializer exactly once.
        }

        private static void setIfAbsent(String key, String value) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        }
    }
}
