package io.sharedstate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;

import java.io.IOException;

/**
 * Compact JSON with one record per line inside the top-level arrays ({@code "keys"}, {@code "events"}), so that
 * a streamed document of a million records stays readable and greppable.
 */
final class RecordPerLine extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override
    public void beforeArrayValues(JsonGenerator json) throws IOException {
        if (isTopLevel(json.getOutputContext())) {
            json.writeRaw('\n');
        }
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator json) throws IOException {
        json.writeRaw(',');
        if (isTopLevel(json.getOutputContext())) {
            json.writeRaw('\n');
        }
    }

    @Override
    public void writeEndArray(JsonGenerator json, int valueCount) throws IOException {
        if (valueCount > 0 && isTopLevel(json.getOutputContext())) {
            json.writeRaw('\n');
        }
        json.writeRaw(']');
    }

    @Override
    public void writeEndObject(JsonGenerator json, int entryCount) throws IOException {
        json.writeRaw('}');
        if (json.getOutputContext().getParent() != null && json.getOutputContext().getParent().inRoot()) {
            json.writeRaw('\n');
        }
    }

    /** Whether the context is an array that is a field of the root object. */
    private static boolean isTopLevel(JsonStreamContext context) {
        JsonStreamContext parent = context.getParent();
        return context.inArray() && parent != null && parent.inObject() && parent.getParent() != null
                && parent.getParent().inRoot();
    }
}
