package cz.proklik.tracking.clicklog;

import cz.proklik.tracking.event.EventType;
import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.link.LinkFieldRules;
import cz.proklik.tracking.link.RejectReason;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Click-log format v2 (the writer's) and v1 (still read): the columns, and the mapping between an event and one
 * line's values. The versions share their columns; v2 keeps the user agent whole up to 2 KiB of UTF-8.
 */
public final class ClickLogFormat {
    public static final String VERSION_CELL = "proklik-clicklog-v2";
    public static final String VERSION_CELL_V1 = "proklik-clicklog-v1";
    private static final String[] COLUMN_NAMES = {"event_id", "time", "type", "method", "campaign",
            "recipient", "link", "variant", "target", "key_id", "reason", "client_ip", "user_agent", "node",
            "request_path", "crc32c"};
    /** The header the writer writes. */
    public static final String[] HEADER = header(VERSION_CELL);
    /** The header of version 1 files, which the reader keeps accepting. */
    public static final String[] HEADER_V1 = header(VERSION_CELL_V1);
    public static final int COLUMNS = HEADER.length;
    public static final String LINE_END = "\r\n";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{0,45}");
    private static final Pattern METHOD = Pattern.compile("GET|HEAD|POST");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ClickLogFormat() {
    }

    private static String[] header(String versionCell) {
        String[] header = new String[COLUMN_NAMES.length + 1];
        header[0] = versionCell;
        System.arraycopy(COLUMN_NAMES, 0, header, 1, COLUMN_NAMES.length);
        return header;
    }

    /** Whether the values are the header of a version this reader understands (v1 or v2). */
    public static boolean isHeader(String[] values) {
        return Arrays.equals(values, HEADER) || Arrays.equals(values, HEADER_V1);
    }

    public static boolean isNodeId(String node) {
        return node != null && NODE.matcher(node).matches();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, written by hand: it runs for every request the redirect page answers. */
    public static String formatTime(Instant time) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), time.getNano(),
                ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return TIME.format(time); // outside the four-digit years: let the formatter say what it does
        }
        char[] out = new char[24];
        put(out, 0, year, 4);
        out[4] = '-';
        put(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, t.getHour(), 2);
        out[13] = ':';
        put(out, 14, t.getMinute(), 2);
        out[16] = ':';
        put(out, 17, t.getSecond(), 2);
        out[19] = '.';
        put(out, 20, t.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return new String(out);
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The values of one line, checksum included. Control characters become U+FFFD: one record, one line. */
    public static String[] toValues(long seq, TrackingEvent e) {
        String[] v = new String[COLUMNS];
        putRawValues(seq, e, v);
        for (int i = 0; i < COLUMNS - 1; i++) {
            v[i] = clean(v[i]);
        }
        v[16] = crc(v);
        return v;
    }

    /**
     * Columns 1-16 of one line into {@code v}, as the event holds them: control characters are not replaced yet
     * ({@link #clean}). The writer's encoder reuses one array, cleans only a value that needs it and sums the CRC
     * itself.
     */
    static void putRawValues(long seq, TrackingEvent e, String[] v) {
        v[0] = Long.toString(seq);
        v[1] = e.id().toString();
        v[2] = formatTime(e.time());
        v[3] = e.type().code();
        v[4] = e.method();
        v[5] = e.campaign();
        v[6] = e.recipient();
        v[7] = e.link();
        v[8] = e.variant();
        v[9] = e.target();
        v[10] = e.keyId();
        v[11] = e.reason();
        v[12] = e.clientIp();
        v[13] = e.userAgent();
        v[14] = e.node();
        v[15] = e.requestPath();
    }

    /** The event of one line's values, or why they are not one. */
    public static TrackingEvent fromValues(String[] v) throws BadLineException {
        if (v.length != COLUMNS) {
            throw new BadLineException(BadLineReason.FIELD_COUNT, "expected " + COLUMNS + " values, got " + v.length);
        }
        if (!crc(v).equals(v[16])) {
            throw new BadLineException(BadLineReason.CHECKSUM, "crc32c " + v[16] + " does not match the values");
        }
        UUID id = uuid(v[1]);
        Instant time = time(v[2]);
        EventType type;
        try {
            type = EventType.fromCode(v[3]);
        } catch (IllegalArgumentException e) {
            throw invalid("type", v[3]);
        }
        require(METHOD.matcher(v[4]).matches(), "method", v[4]);
        if (type == EventType.REJECTED) {
            require(v[5].isEmpty() && v[6].isEmpty() && v[7].isEmpty() && v[8].isEmpty() && v[9].isEmpty(),
                    "link columns of a rejected event", "not empty");
            require(isRejectReason(v[11]), "reason", v[11]);
        } else {
            require(LinkFieldRules.isId(v[5]), "campaign", v[5]);
            require(LinkFieldRules.isId(v[6]), "recipient", v[6]);
            require(type == EventType.CLICK ? LinkFieldRules.isId(v[7]) : LinkFieldRules.isOptionalId(v[7]), "link", v[7]);
            require(LinkFieldRules.isVariant(v[8]), "variant", v[8]);
            require(type == EventType.CLICK ? LinkFieldRules.isTarget(v[9]) : v[9].isEmpty(), "target", v[9]);
            require(v[11].isEmpty(), "reason", v[11]);
            require(v[15].isEmpty(), "request_path", v[15]);
        }
        require(v[10].isEmpty() || LinkFieldRules.isKeyId(v[10]), "key_id", v[10]);
        require(IP.matcher(v[12]).matches(), "client_ip", v[12]);
        // v1 wrote at most 512 characters, v2 at most 2 KiB of UTF-8: one check serves both.
        require(TrackingEvent.utf8Length(v[13]) <= TrackingEvent.MAX_USER_AGENT_BYTES, "user_agent",
                "longer than " + TrackingEvent.MAX_USER_AGENT_BYTES + " bytes");
        require(isNodeId(v[14]), "node", v[14]);
        require(v[15].length() <= TrackingEvent.MAX_REQUEST_PATH, "request_path", "too long");
        return new TrackingEvent(id, time, type, v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
                v[14], v[15]);
    }

    /** The line's sequence number (column 1), or why it is not one. */
    public static long seq(String[] v) throws BadLineException {
        try {
            long seq = Long.parseLong(v[0]);
            require(seq > 0, "sequence number", v[0]);
            return seq;
        } catch (NumberFormatException e) {
            throw invalid("sequence number", v[0]);
        }
    }

    static String crc(String[] v) {
        CRC32C crc = new CRC32C();
        for (int i = 0; i < COLUMNS - 1; i++) {
            crc.update(v[i].getBytes(StandardCharsets.UTF_8));
            crc.update(0);
        }
        long value = crc.getValue();
        char[] out = new char[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
        return new String(out);
    }

    /** The value with every control character replaced by U+FFFD, so that one record is always one line. */
    static String clean(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' || c == 0x7f) {
                return replaceControls(value);
            }
        }
        return value;
    }

    private static String replaceControls(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c < ' ' || c == 0x7f ? '\uFFFD' : c);
        }
        return out.toString();
    }

    private static UUID uuid(String text) throws BadLineException {
        try {
            UUID id = UUID.fromString(text);
            require(id.toString().equals(text), "event_id", text);
            return id;
        } catch (IllegalArgumentException e) {
            throw invalid("event_id", text);
        }
    }

    /**
     * Parses {@code yyyy-MM-ddTHH:mm:ss.SSSZ} by position: the importer reads millions of them and the general
     * formatter was a visible share of its time. Every field is range-checked; calendar validity (Feb 30) by
     * LocalDateTime.of.
     */
    private static Instant time(String text) throws BadLineException {
        if (text.length() != 24 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.' || text.charAt(23) != 'Z') {
            throw invalid("time", text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = digits(text, 20, 3);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || millis < 0) {
            throw invalid("time", text);
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw invalid("time", text);
        }
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isRejectReason(String reason) {
        for (RejectReason r : RejectReason.values()) {
            if (r.name().equals(reason)) {
                return true;
            }
        }
        return false;
    }

    private static void require(boolean ok, String column, String value) throws BadLineException {
        if (!ok) {
            throw invalid(column, value);
        }
    }

    private static BadLineException invalid(String column, String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return new BadLineException(BadLineReason.INVALID_VALUE, "invalid " + column + ": '" + shown + "'");
    }
}
