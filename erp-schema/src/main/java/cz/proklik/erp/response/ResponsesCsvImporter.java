package cz.proklik.erp.response;

import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.csv.CsvRows;
import cz.proklik.erp.db.Ids;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cz.proklik.erp.csv.CsvRows.show;

/**
 * Imports responses tracked outside Proklik (seed 002: "if you track the communication elsewhere, import it") from a
 * CSV: RFC 4180, UTF-8 or the charset given, a header naming the columns in any order (case-insensitive):
 * <pre>
 * campaign_id   required  an existing campaign (header "campaign" also accepted)
 * recipient_id  required  the ERP contact id, [A-Za-z0-9._:-]{1,64} (header "recipient" also accepted)
 * kind          required  reply | call | visit | other
 * time          required  when: UTC, ISO-8601 (2026-11-25T09:00:00Z; without zone = UTC; header "responded_at" too)
 * note          optional  free text, personal data: cut to 1000 characters, cleared after the retention period
 * </pre>
 * Each row becomes one raw event of type {@value ResponseDao#EVENT_TYPE}, its id derived from campaign, recipient,
 * kind and time, so importing the file again adds nothing. Bad rows are reported with their line numbers and the good
 * ones are imported all the same, in batches of one transaction each.
 */
public class ResponsesCsvImporter {

    static final CsvRows.Header HEADER = new CsvRows.Header(
            Set.of("campaign_id", "recipient_id", "kind", "time", "note"),
            List.of("campaign_id", "recipient_id", "kind", "time"),
            Map.of("campaign", "campaign_id", "recipient", "recipient_id", "responded_at", "time"));
    private static final int BATCH = 1000;

    private final ResponseDao responses;
    private final CampaignDao campaigns;

    public ResponsesCsvImporter(ResponseDao responses, CampaignDao campaigns) {
        this.responses = responses;
        this.campaigns = campaigns;
    }

    /**
     * Imports a file written in {@code charset}, decoded whole first: a file in another encoding is refused whole.
     *
     * @throws CsvRows.BadEncodingException when the file is not valid in {@code charset}; nothing is imported
     * @throws CsvRows.BadHeaderException   when the header is unusable; nothing is imported
     */
    public Result importFile(Path csv, Charset charset) throws IOException {
        CsvRows.checkEncoding(csv, charset);
        try (Reader reader = Files.newBufferedReader(csv, charset)) {
            return importFrom(reader);
        }
    }

    public Result importFrom(Reader source) throws IOException {
        Map<String, Boolean> knownCampaigns = new HashMap<>();
        List<Response> batch = new ArrayList<>();
        long[] counts = {0, 0}; // imported, already there
        CsvRows.Outcome outcome = CsvRows.read(source, HEADER, row -> {
            Response response = parse(row);
            if (!knownCampaigns.computeIfAbsent(response.campaignId(), campaigns::exists)) {
                throw new IllegalArgumentException("unknown campaign '" + response.campaignId() + "'");
            }
            batch.add(response);
            if (batch.size() >= BATCH) {
                flush(batch, counts);
            }
        });
        flush(batch, counts);
        return new Result(outcome.rows(), counts[0], counts[1], outcome.errors());
    }

    private void flush(List<Response> batch, long[] counts) {
        var result = responses.record(batch);
        counts[0] += result.inserted();
        counts[1] += result.duplicates();
        batch.clear();
    }

    private static Response parse(CsvRows.Row row) {
        String campaign = row.value("campaign_id");
        String recipient = row.value("recipient_id");
        String kindText = row.value("kind");
        if (campaign == null || !Ids.isId(campaign)) {
            throw new IllegalArgumentException("campaign_id missing or not [A-Za-z0-9._:-]{1,64}: " + show(campaign));
        }
        if (recipient == null || !Ids.isId(recipient)) {
            throw new IllegalArgumentException("recipient_id missing or not [A-Za-z0-9._:-]{1,64}: " + show(recipient));
        }
        ResponseKind kind;
        try {
            kind = ResponseKind.fromCode(kindText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind must be reply, call, visit or other: " + show(kindText));
        }
        var time = row.time("time");
        if (time == null) {
            throw new IllegalArgumentException("time missing: when the response came, UTC ISO-8601");
        }
        return new Response(campaign, recipient, kind, time, row.value("note"));
    }

    /**
     * What an import did: data rows read (header and blank lines excluded), responses stored now, responses that were
     * stored already (the file, or an overlapping one, imported before), rows refused.
     */
    public record Result(int rows, long imported, long alreadyThere, List<CsvRows.RowError> errors) {
        public Result {
            errors = List.copyOf(errors);
        }
    }
}
