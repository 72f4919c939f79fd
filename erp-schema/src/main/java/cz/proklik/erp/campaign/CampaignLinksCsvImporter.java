package cz.proklik.erp.campaign;

import cz.proklik.erp.csv.CsvRows;
import cz.proklik.erp.db.Ids;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Registers campaign links from a CSV (header row, comma separated, any column order; {@link CsvRows}):
 * <pre>
 * campaign     required  an existing campaign
 * link         required  the element id, [A-Za-z0-9._:-]{1,64}
 * description  optional  which part of the e-mail ("hero image", "button: order now"), at most 400 characters
 * target       optional  absolute http(s) URL the link leads to (needed by 'links mint')
 * position     optional  order in the e-mail, a whole number from 0
 * </pre>
 * Every refused row is reported with its line (header = 1) and reason; the good rows are upserted on (campaign,
 * link) in one transaction, so importing the file again changes nothing. A (campaign, link) given twice is refused
 * on its second line: which of the two was meant cannot be guessed.
 */
public final class CampaignLinksCsvImporter {
    static final CsvRows.Header HEADER = new CsvRows.Header(
            Set.of("campaign", "link", "description", "target", "position"), List.of("campaign", "link"), Map.of());

    private final CampaignDao campaigns;

    public CampaignLinksCsvImporter(CampaignDao campaigns) {
        this.campaigns = campaigns;
    }

    /** What an import did: data rows read, links registered, rows refused (by line). */
    public record Result(int rows, int registered, List<CsvRows.RowError> refused) {
        public Result {
            refused = List.copyOf(refused);
        }
    }

    /** @throws CsvRows.BadHeaderException when the header is unusable: nothing is registered */
    public Result importFrom(Reader source) throws IOException {
        Map<String, Boolean> known = new HashMap<>();
        Map<String, Long> seen = new HashMap<>();
        Map<String, CampaignLink> good = new LinkedHashMap<>();
        CsvRows.Outcome read = CsvRows.read(source, HEADER, row -> {
            CampaignLink link = parse(row);
            if (!known.computeIfAbsent(link.campaignId(), campaigns::exists)) {
                throw new IllegalArgumentException("unknown campaign '" + link.campaignId()
                        + "' (register it first: campaigns add)");
            }
            String key = link.campaignId() + "\n" + link.linkId();
            Long earlier = seen.putIfAbsent(key, row.line());
            if (earlier != null) {
                throw new IllegalArgumentException("campaign " + link.campaignId() + ", link " + link.linkId()
                        + " already on line " + earlier);
            }
            good.put(key, link);
        });
        campaigns.saveLinks(List.copyOf(good.values()));
        return new Result(read.rows(), good.size(), read.errors());
    }

    private static CampaignLink parse(CsvRows.Row row) {
        String campaign = row.value("campaign");
        String link = row.value("link");
        if (!Ids.isId(campaign)) {
            throw new IllegalArgumentException("campaign missing or not [A-Za-z0-9._:-]{1,64}: " + CsvRows.show(campaign));
        }
        if (!Ids.isId(link)) {
            throw new IllegalArgumentException("link missing or not [A-Za-z0-9._:-]{1,64}: " + CsvRows.show(link));
        }
        Integer position = null;
        String positionText = row.value("position");
        if (positionText != null) {
            try {
                position = Integer.valueOf(positionText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("position is not a whole number: " + CsvRows.show(positionText));
            }
        }
        return CampaignLink.registered(campaign, link, row.value("description"), row.value("target"), position);
    }
}
