package io.sharedstate.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times as the command line prints and reads them. */
final class Times {
    private static final Pattern AGO = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    private Times() {
    }

    /**
     * Reads a point in time for {@code --since}/{@code --until}: an ISO-8601 instant ({@code 2026-03-01T12:00:00Z}),
     * a date-time with an offset ({@code 2026-03-01T13:00+01:00}), or a duration meaning that long ago:
     * {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, {@code 1w}, combinations such as {@code 1h30m}, or ISO-8601
     * ({@code PT10M}).
     */
    static final class PointInTime implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return parse(value, Instant.now());
        }
    }

    static Instant parse(String value, Instant now) {
        String s = value.trim();
        Duration ago = parseAgo(s);
        if (ago != null) {
            return now.minus(ago);
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            // try the other forms
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // try the other forms
        }
        try {
            LocalDateTime.parse(s);
            throw new CommandLine.TypeConversionException("'" + value + "' has no time zone: add Z for UTC or an "
                    + "offset such as +01:00");
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is neither a time such as "
                    + "2026-03-01T12:00:00Z nor a duration ago such as 10m, 2h, 1d or 1h30m");
        }
    }

    private static Duration parseAgo(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("p")) {
            try {
                Duration duration = Duration.parse(s);
                return duration.isNegative() ? null : duration;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Matcher matcher = AGO.matcher(lower);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.lookingAt()) {
            long amount = Long.parseLong(matcher.group(1));
            switch (matcher.group(2)) {
                case "ms":
                    total = total.plusMillis(amount);
                    break;
                case "s":
                    total = total.plusSeconds(amount);
                    break;
                case "m":
                    total = total.plusMinutes(amount);
                    break;
                case "h":
                    total = total.plusHours(amount);
                    break;
                case "d":
                    total = total.plusDays(amount);
                    break;
                default:
                    total = total.plusDays(7 * amount);
            }
            end = matcher.end();
            matcher.region(end, lower.length());
        }
        return end > 0 && end == lower.length() ? total : null;
    }

    /** A fast, fixed-width UTC timestamp with microseconds: {@code 2026-03-01T12:00:00.123456Z}. */
    static final class Stamp {
        private long cachedSecond = Long.MIN_VALUE;
        private String cachedPrefix;

        String format(Instant instant) {
            long second = instant.getEpochSecond();
            if (second != cachedSecond) {
                cachedPrefix = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).toString();
                if (cachedPrefix.length() == 16) {
                    cachedPrefix += ":00";
                }
                cachedSecond = second;
            }
            int micros = instant.getNano() / 1_000;
            char[] fraction = {'.', '0', '0', '0', '0', '0', '0', 'Z'};
            for (int i = 6; i > 0; i--) {
                fraction[i] = (char) ('0' + micros % 10);
                micros /= 10;
            }
            return cachedPrefix + new String(fraction);
        }
    }

    /** Returns a duration for people: {@code 850ms}, {@code 12.3s}, {@code 5m12s}, {@code 2h03m}, {@code 3d04h}. */
    static String human(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", seconds / 86_400, seconds % 86_400 / 3600);
    }
}
