package io.sharedstate.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The lines of a stream as they come, for following a long-running CLI process. */
final class Lines {
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer all = new StringBuffer();
    private final Thread pump;

    Lines(InputStream stream) {
        this(new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)));
    }

    /** Follows the rest of a reader the caller has already read from. */
    Lines(BufferedReader source) {
        pump = new Thread(() -> {
            try (BufferedReader reader = source) {
                String line;
                while ((line = reader.readLine()) != null) {
                    all.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "cli-lines");
        pump.setDaemon(true);
        pump.start();
    }

    /** Waits for the end of the stream and returns everything it carried since this object started reading. */
    String awaitEnd(Duration timeout) throws InterruptedException {
        pump.join(timeout.toMillis());
        if (pump.isAlive()) {
            throw new AssertionError("the stream did not end within " + timeout + "; so far:\n" + all);
        }
        return all.toString();
    }

    String next(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no line within " + timeout + "; so far:\n" + all);
        }
        return line;
    }

    String all() {
        return all.toString();
    }
}
