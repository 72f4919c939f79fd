package cz.proklik.erp.send;

import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.csv.CsvRows;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    static final CsvRows.Header HEADER = new CsvRows.Header(Set.of("campaign_id", "recipient_id", "email", "status",
            "variant", "sent_at", "error_text", "bounce_kind", "bounced_at"),
            List.of("campaign_id", "recipient_id", "email", "status"), Map.of());
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
     * @throws CsvRows.BadEncodingException when the file is not valid in {@code charset}; nothing is imported
     */
    public Result importFile(Path csv, Charset charset) throws IOException {
        CsvRows.checkEncoding(csv, charset);
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

    private Result importRows(Reader source) throws IOException {
        Map<String, Boolean> knownCampaigns = new HashMap<>();
        List<Send> batch = new ArrayList<>();
        int[] written = {0};
        CsvRows.Outcome outcome = CsvRows.read(source, HEADER, row -> {
            Send send = SendFields.parse(row::value, row::time);
            if (!knownCampaigns.computeIfAbsent(send.campaignId(), campaigns::exists)) {
                throw new IllegalArgumentException("unknown campaign '" + send.campaignId() + "'");
            }
            batch.add(send);
            if (batch.size() >= BATCH) {
                written[0] += sends.upsert(batch);
                batch.clear();
            }
        });
        written[0] += sends.upsert(batch);
        return new Result(outcome.rows(), written[0], outcome.errors());
    }

    /** What an import did: data rows read (header and blank lines excluded), rows written, rows refused. */
    public record Result(int rows, int imported, List<CsvRows.RowError> errors) {
        public Result {
            errors = List.copyOf(errors);
        }
    }
}
