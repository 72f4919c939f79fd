package cz.proklik.erp.send;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvException;
import com.opencsv.exceptions.CsvMalformedLineException;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.db.Ids;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Imports sends from a CSV file until the mailer writes them itself. RFC 4180, UTF-8 (a BOM is ignored) or the
 * charset given, comma separated, a header row naming the columns in any order (case-insensitive):
 * <pre>
 * campaign_id   required  an existing campaign
 * recipient_id  required  the ERP contact id, [A-Za-z0-9._:-]{1,64}
 * email         required  the address the e-mail went to
 * status        required  sent | failed | bounced
 * variant       optional  A/B variant, [A-Za-z0-9._:-]{1,16}; empty = no split
 * sent_at       optional  UTC, ISO-8601: 2026-11-25T09:00:00Z (a value without zone is read as UTC)
 * error_text    optional  why it failed or bounced (cut to 1000 characters)
 * bounce_kind   optional  hard | soft, only with status bounced
 * bounced_at    optional  UTC, as sent_at
 * </pre>
 * A bad row is reported with its line number (the physical line it starts on, header = line 1) and reason, and
 * the good rows are imported all the same, in one transaction. Rows are upserted on (campaign_id, recipient_id), so importing the
 * same file again changes nothing; within one file the last row for a recipient wins.
 */
public class SendsCsvImporter {

    static final List<String> REQUIRED = List.of("campaign_id", "recipient_id", "email", "status");
    static final Set<String> KNOWN = Set.of("campaign_id", "recipient_id", "email", "status", "variant", "sent_at",
            "error_text", "bounce_kind", "bounced_at");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int BATCH = 1000;

    private final SendDao sends;
    private final CampaignDao campaigns;

    public SendsCsvImporter(SendDao sends, CampaignDao campaigns) {
        this.sends = sends;
        this.campaigns = campaigns;
    }

    public Result importFile(Path csv) throws IOException {
        return importFile(csv, StandardCharsets.UTF_8);
    }

    /**
     * Imports a file written in {@code charset}. The whole file is decoded once before any row is written, so a
     * file in another encoding (a windows-1250 export of a Czech Excel read as UTF-8, say) is refused whole with the
     * line of its first undecodable character, instead of being imported up to that line.
     *
     * @throws BadEncodingException when the file is not valid in {@code charset}; nothing is imported
     */
    public Result importFile(Path csv, Charset charset) throws IOException {
        checkEncoding(csv, charset);
        try (Reader reader = Files.newBufferedReader(csv, charset)) {
            return importFrom(reader);
        }
    }

    /**
     * Imports the rows of {@code source}: the good rows in one transaction (all of them, or none when the database
     * fails midway), the bad ones reported with their lines.
     */
    public Result importFrom(Reader source) throws IOException {
        try {
            return sends.inOneTransaction(() -> {
                try {
                    return importRows(source);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Decodes the file strictly to its end; the first malformed or unmappable input gives its line and column.
     * A decoder over byte buffers rather than a Reader: a Reader decodes ahead and throws before handing out the
     * characters in front of the bad byte, which would put the line number thousands of lines early.
     */
    static void checkEncoding(Path csv, Charset charset) throws IOException {
        CharsetDecoder strict = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        CharBuffer out = CharBuffer.allocate(64 * 1024);
        long[] position = {1, 1}; // line, column
        try (ReadableByteChannel channel = Files.newByteChannel(csv)) {
            boolean end = false;
            while (true) {
                end = channel.read(in) < 0;
                in.flip();
                CoderResult result;
                do {
                    result = strict.decode(in, out, end);
                    count(out, position);
                } while (result.isOverflow());
                if (result.isError()) {
                    throw new BadEncodingException(position[0], position[1], charset);
                }
                in.compact();
                if (end) {
                    while (strict.flush(out).isOverflow()) {
                        count(out, position);
                    }
                    return;
                }
            }
        }
    }

    private static void count(CharBuffer decoded, long[] position) {
        decoded.flip();
        while (decoded.hasRemaining()) {
            if (decoded.get() == '\n') {
                position[0]++;
                position[1] = 1;
            } else {
                position[1]++;
            }
        }
        decoded.clear();
    }

    private Result importRows(Reader source) throws IOException {
        List<RowError> errors = new ArrayList<>();
        int rows = 0;
        int written = 0;
        try (CSVReader csv = new CSVReaderBuilder(source)
                .withCSVParser(new CSVParserBuilder().withSeparator(',').withQuoteChar('"').build())
                .withKeepCarriageReturn(false)
                .build()) {
            String[] header = readHeader(csv);
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                String name = header[i].strip().toLowerCase(Locale.ROOT);
                if (i == 0 && name.startsWith("\uFEFF")) {
                    name = name.substring(1);
                }
                if (!KNOWN.contains(name)) {
                    throw new BadHeaderException("unknown column '" + header[i] + "' in the header; known: " + KNOWN);
                }
                if (columns.put(name, i) != null) {
                    throw new BadHeaderException("column '" + name + "' twice in the header");
                }
            }
            for (String required : REQUIRED) {
                if (!columns.containsKey(required)) {
                    throw new BadHeaderException("required column '" + required + "' missing from the header");
                }
            }
            Map<String, Boolean> knownCampaigns = new HashMap<>();
            List<Send> batch = new ArrayList<>();
            while (true) {
                long line = csv.getLinesRead() + 1;
                String[] values;
                try {
                    values = csv.readNext();
                } catch (CsvMalformedLineException e) {
                    // An open quote swallows the rest of the file: nothing after it can be trusted as rows.
                    errors.add(new RowError(line, "not valid CSV (unbalanced quote); the rest of the file is ignored"));
                    break;
                } catch (CsvException e) {
                    errors.add(new RowError(line, "not valid CSV: " + e.getMessage()));
                    continue;
                }
                if (values == null) {
                    break;
                }
                if (values.length == 1 && values[0].isBlank()) {
                    continue;
                }
                rows++;
                try {
                    Send send = parse(values, header.length, columns);
                    boolean campaignExists = knownCampaigns.computeIfAbsent(send.campaignId(), campaigns::exists);
                    if (!campaignExists) {
                        throw new IllegalArgumentException("unknown campaign '" + send.campaignId() + "'");
                    }
                    batch.add(send);
                } catch (IllegalArgumentException e) {
                    errors.add(new RowError(line, e.getMessage()));
                }
                if (batch.size() >= BATCH) {
                    written += sends.upsert(batch);
                    batch.clear();
                }
            }
            written += sends.upsert(batch);
        }
        return new Result(rows, written, errors);
    }

    private static String[] readHeader(CSVReader csv) throws IOException {
        try {
            String[] header = csv.readNext();
            if (header == null) {
                throw new BadHeaderException("empty file: the header row is missing");
            }
            return header;
        } catch (CsvException e) {
            throw new BadHeaderException("header row is not valid CSV: " + e.getMessage());
        }
    }

    private static Send parse(String[] values, int expected, Map<String, Integer> columns) {
        if (values.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " values, found " + values.length);
        }
        String campaign = value(values, columns, "campaign_id");
        String recipient = value(values, columns, "recipient_id");
        String email = value(values, columns, "email");
        String statusText = value(values, columns, "status");
        if (campaign == null || !Ids.isId(campaign)) {
            throw new IllegalArgumentException("campaign_id missing or not [A-Za-z0-9._:-]{1,64}: " + show(campaign));
        }
        if (recipient == null || !Ids.isId(recipient)) {
            throw new IllegalArgumentException("recipient_id missing or not [A-Za-z0-9._:-]{1,64}: " + show(recipient));
        }
        if (email == null || email.length() > 320 || !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("email missing or not an e-mail address: " + show(email));
        }
        SendStatus status;
        try {
            status = SendStatus.fromCode(statusText == null ? "" : statusText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be sent, failed or bounced: " + show(statusText));
        }
        String variant = value(values, columns, "variant");
        if (variant != null && !Ids.isVariant(variant)) {
            throw new IllegalArgumentException("variant not [A-Za-z0-9._:-]{1,16}: " + show(variant));
        }
        String bounceText = value(values, columns, "bounce_kind");
        BounceKind bounce;
        try {
            bounce = BounceKind.fromCode(bounceText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bounce_kind must be hard or soft: " + show(bounceText));
        }
        if (bounce != null && status != SendStatus.BOUNCED) {
            throw new IllegalArgumentException("bounce_kind given but status is " + status.code());
        }
        String error = value(values, columns, "error_text");
        if (error != null && error.length() > 1000) {
            error = error.substring(0, 1000);
        }
        return new Send(campaign, recipient, email, variant, time(values, columns, "sent_at"), status, error, bounce,
                time(values, columns, "bounced_at"));
    }

    private static String value(String[] values, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        if (index == null) {
            return null;
        }
        String v = values[index].strip();
        return v.isEmpty() ? null : v;
    }

    private static Instant time(String[] values, Map<String, Integer> columns, String name) {
        String v = value(values, columns, name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(name + " is not an ISO-8601 time: " + show(v));
            }
        }
    }

    private static String show(String v) {
        if (v == null) {
            return "(empty)";
        }
        return "'" + (v.length() > 80 ? v.substring(0, 80) + "..." : v) + "'";
    }

    /** What an import did: data rows read (header and blank lines excluded), rows written, rows refused. */
    public record Result(int rows, int imported, List<RowError> errors) {
        public Result {
            errors = List.copyOf(errors);
        }
    }

    /** A refused row: the line it starts on (header = 1) and why. */
    public record RowError(long line, String reason) {
    }

    /** The file is not text in the charset it was read in: nothing of it is imported. */
    public static class BadEncodingException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long line;

        BadEncodingException(long line, long column, Charset charset) {
            super("line " + line + ", character " + column + ": not valid " + charset.name() + " text; nothing was"
                    + " imported" + (charset.equals(StandardCharsets.UTF_8)
                    ? ". A CSV saved by Excel on a Czech Windows is usually windows-1250: try --charset windows-1250"
                    : ""));
            this.line = line;
        }

        /** The line (1 = the header) holding the first character that could not be decoded. */
        public long line() {
            return line;
        }
    }

    /** The header is missing or unusable: nothing of the file is imported. */
    public static class BadHeaderException extends IOException {
        private static final long serialVersionUID = 1L;

        public BadHeaderException(String message) {
            super(message);
        }
    }
}
