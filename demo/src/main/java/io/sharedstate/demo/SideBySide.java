package io.sharedstate.demo;

import java.io.PrintStream;
import java.util.List;

/** Prints two blocks of text in two columns, such as Python code beside its Java translation. */
final class SideBySide {
    private static final String GUTTER = " | ";

    private SideBySide() {
    }

    /** Prints {@code left} and {@code right} line by line, the left column padded to {@code width}. */
    static void print(PrintStream out, int width, String leftTitle, String left, String rightTitle, String right) {
        List<String> lefts = left.lines().toList();
        List<String> rights = right.lines().toList();
        out.println("  " + pad(leftTitle, width) + GUTTER + rightTitle);
        out.println("  " + "-".repeat(width) + "-+-" + "-".repeat(Math.max(rightTitle.length(), 20)));
        for (int i = 0; i < Math.max(lefts.size(), rights.size()); i++) {
            String l = i < lefts.size() ? lefts.get(i) : "";
            String r = i < rights.size() ? rights.get(i) : "";
            out.println(("  " + pad(l, width) + GUTTER + r).stripTrailing());
        }
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
