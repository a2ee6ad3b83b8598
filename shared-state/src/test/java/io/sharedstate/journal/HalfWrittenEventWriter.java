package io.sharedstate.journal;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.File;

/**
 * A child process that starts appending an event to a store's journal, writes half of it, and waits to be
 * killed while it holds the queue's write lock. {@code HalfWrittenEventWriter JOURNAL_DIR}.
 */
public final class HalfWrittenEventWriter {
    private HalfWrittenEventWriter() {
    }

    public static void main(String[] args) throws InterruptedException {
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(new File(args[0]))
                .rollCycle(RollCycles.FAST_DAILY).build();
        ExcerptAppender appender = queue.createAppender();
        DocumentContext document = appender.writingDocument();
        document.wire().bytes().writeByte((byte) EventCodec.FORMAT).writeByte((byte) 1).writeLong(0xDEADBEEFL);
        System.out.println("holding");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
        document.close();
    }
}
