package io.sharedstate.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The command's standard output: UTF-8, buffered, and failing with {@link OutputClosedException} as soon as the
 * reader goes away, so that {@code dump DIR | head} stops iterating instead of formatting a million rows into a
 * closed pipe. Text and JSON must not be mixed within one command.
 */
final class Out {
    private static final int BUFFER_BYTES = 1 << 16;
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private static Out stdout;

    private final OutputStream stream;
    private final Writer text;

    private Out(OutputStream target) {
        this.stream = new BufferedOutputStream(new Guarded(target), BUFFER_BYTES);
        this.text = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
    }

    /** Returns the process's standard output. */
    static synchronized Out stdout() {
        if (stdout == null) {
            stdout = new Out(new FileOutputStream(FileDescriptor.out));
        }
        return stdout;
    }

    /** Flushes standard output if it was used, ignoring a closed pipe; for the end of the process. */
    static synchronized void flushQuietly() {
        if (stdout != null) {
            try {
                stdout.flush();
            } catch (OutputClosedException ignored) {
                // nobody is reading any more
            }
        }
    }

    void print(String s) {
        try {
            text.write(s);
        } catch (IOException e) {
            throw new OutputClosedException(e);
        }
    }

    void println(String s) {
        print(s);
        print("\n");
    }

    void flush() {
        try {
            text.flush();
        } catch (IOException e) {
            throw new OutputClosedException(e);
        }
    }

    /** Returns a streaming JSON generator on this output; flush or close it before the command returns. */
    JsonGenerator json() {
        flush();
        try {
            JsonGenerator generator = JSON.createGenerator(stream);
            generator.setRootValueSeparator(null);
            return generator;
        } catch (IOException e) {
            throw new OutputClosedException(e);
        }
    }

    /** Writes one small JSON document (maps, lists, numbers, strings), indented, with a final newline. */
    void jsonDocument(Object document) {
        try (JsonGenerator generator = json()) {
            generator.setPrettyPrinter(new DefaultPrettyPrinter());
            Mapper.INSTANCE.writeValue(generator, document);
            generator.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        flush();
    }

    /** Jackson's databind, loaded only by the commands that need it. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper(JSON)
                .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    }

    /** Turns the IOException of a closed pipe into {@link OutputClosedException}, which Jackson does not wrap. */
    private static final class Guarded extends FilterOutputStream {
        Guarded(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw new OutputClosedException(e);
            }
        }

        @Override
        public void write(int b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new OutputClosedException(e);
            }
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new OutputClosedException(e);
            }
        }
    }
}
