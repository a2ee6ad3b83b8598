package io.sharedstate.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligned text columns that can stream: rows are held back until {@value #LOOKAHEAD_ROWS} have come (or
 * {@link #finish()}), the widths are fitted to them, and later rows widen a column only if they must, up to
 * {@value #MAX_WIDTH} characters. The last column is never padded. Columns whose header starts with {@code >}
 * are right-aligned.
 */
final class Columns {
    static final int LOOKAHEAD_ROWS = 1_000;
    /** No column is padded wider than this: a longer cell (a 255-byte key name) overflows its own row only. */
    static final int MAX_WIDTH = 40;
    private static final String GAP = "  ";

    private final Out out;
    private final String[] headers;
    private final boolean[] right;
    private final int[] widths;
    private final List<String[]> pending = new ArrayList<>();
    private boolean started;
    private final StringBuilder line = new StringBuilder(256);

    Columns(Out out, String... headers) {
        this.out = out;
        this.headers = new String[headers.length];
        this.right = new boolean[headers.length];
        this.widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            right[i] = headers[i].startsWith(">");
            this.headers[i] = right[i] ? headers[i].substring(1) : headers[i];
            widths[i] = this.headers[i].length();
        }
    }

    /** Adds a row; it is printed now or once enough rows have come to fit the widths. */
    void row(String... cells) {
        if (started) {
            print(cells);
            return;
        }
        pending.add(cells);
        if (pending.size() >= LOOKAHEAD_ROWS) {
            start();
        }
    }

    /** Prints what is held back; with no rows at all, prints nothing, not even the header. */
    void finish() {
        if (!started && !pending.isEmpty()) {
            start();
        }
    }

    private void start() {
        for (String[] cells : pending) {
            widen(cells);
        }
        started = true;
        print(headers);
        for (String[] cells : pending) {
            print(cells);
        }
        pending.clear();
    }

    private void widen(String[] cells) {
        for (int i = 0; i < cells.length - 1; i++) {
            widths[i] = Math.max(widths[i], Math.min(cells[i].length(), MAX_WIDTH));
        }
    }

    private void print(String[] cells) {
        widen(cells);
        line.setLength(0);
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            boolean last = i == cells.length - 1;
            int padding = last ? 0 : widths[i] - cell.length();
            if (right[i]) {
                pad(padding);
                line.append(cell);
            } else {
                line.append(cell);
                if (!last) {
                    pad(padding);
                }
            }
            if (!last) {
                line.append(GAP);
            }
        }
        // Trailing spaces of a right-aligned or padded last column are trimmed.
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        line.setLength(end);
        line.append('\n');
        out.print(line.toString());
    }

    private void pad(int count) {
        for (int i = 0; i < count; i++) {
            line.append(' ');
        }
    }
}
