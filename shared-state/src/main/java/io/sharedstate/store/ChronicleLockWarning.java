package io.sharedstate.store;

import java.util.concurrent.atomic.AtomicBoolean;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.onoes.ExceptionHandler;
import net.openhft.chronicle.hash.impl.util.CanonicalRandomAccessFiles;
import org.slf4j.Logger;

/**
 * Drops Chronicle Map's one warning that its shared file lock is off ({@link KeyIndex} turns it off on purpose, and
 * the store's own OPEN lock keeps {@code recover} and open processes apart): it would tell every service's log not to
 * run recovery while others have the map open, which the store already guarantees. Every other warning passes
 * through to the handler that was in place.
 */
final class ChronicleLockWarning implements ExceptionHandler {
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final String MESSAGE_START = "File locking is disabled";

    private final ExceptionHandler next;

    private ChronicleLockWarning(ExceptionHandler next) {
        this.next = next;
    }

    /** Installs the filter once per JVM, in front of Chronicle's current warning handler. */
    static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            Jvm.setWarnExceptionHandler(new ChronicleLockWarning(Jvm.warn().defaultHandler()));
        }
    }

    @Override
    public void on(Class<?> clazz, String message, Throwable thrown) {
        if (!isLockWarning(clazz, message)) {
            next.on(clazz, message, thrown);
        }
    }

    @Override
    public void on(Logger logger, String message, Throwable thrown) {
        if (!(logger.getName().equals(CanonicalRandomAccessFiles.class.getName()) && startsLockWarning(message))) {
            next.on(logger, message, thrown);
        }
    }

    @Override
    public boolean isEnabled(Class<?> clazz) {
        return next.isEnabled(clazz);
    }

    private static boolean isLockWarning(Class<?> clazz, String message) {
        return clazz == CanonicalRandomAccessFiles.class && startsLockWarning(message);
    }

    private static boolean startsLockWarning(String message) {
        return message != null && message.startsWith(MESSAGE_START);
    }
}
