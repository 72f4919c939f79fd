package cz.proklik.tracking.clicklog;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** File names of docs/clicklog-format.md: {@code proklik-{node}-{opened-utc}-{seq}.csv[.open]}. */
public final class LogFileNames {
    public static final String CLOSED_SUFFIX = ".csv";
    public static final String OPEN_SUFFIX = ".csv.open";
    public static final String TORN_SUFFIX = ".csv.torn";

    private static final DateTimeFormatter OPENED =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern NAME =
            Pattern.compile("proklik-([A-Za-z0-9_-]{1,64})-(\\d{8}T\\d{9}Z)-(\\d{6})(\\.csv|\\.csv\\.open)");

    private LogFileNames() {
    }

    public static String openName(String node, Instant opened, int seq) {
        return "proklik-" + node + "-" + OPENED.format(opened) + "-" + String.format(Locale.ROOT, "%06d", seq % 1_000_000)
                + OPEN_SUFFIX;
    }

    public static boolean isClosed(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() && m.group(4).equals(CLOSED_SUFFIX);
    }

    public static boolean isOpen(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() && m.group(4).equals(OPEN_SUFFIX);
    }

    /** The node id in a click-log file name, if the name is one. */
    public static Optional<String> nodeOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public static Path closedPathOf(Path openFile) {
        String name = openFile.getFileName().toString();
        if (!name.endsWith(OPEN_SUFFIX)) {
            throw new IllegalArgumentException("not an open click-log file: " + openFile);
        }
        return openFile.resolveSibling(name.substring(0, name.length() - ".open".length()));
    }

    public static Path tornPathOf(Path openFile) {
        String name = openFile.getFileName().toString();
        return openFile.resolveSibling(name.substring(0, name.length() - OPEN_SUFFIX.length()) + TORN_SUFFIX);
    }
}
