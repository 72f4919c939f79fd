package cz.proklik.mailer.mint;

import cz.proklik.erp.csv.CsvRows;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The recipients of {@code links mint --recipients FILE}: a CSV with a header, column {@code recipient_id}
 * (the ERP contact id the ERP's keyword expansion will look up) and optionally {@code variant}. A bad or repeated
 * id is reported with its line; the good rows are minted all the same.
 */
public final class RecipientFile {
    static final Set<String> COLUMNS = Set.of("recipient_id", "variant");

    private RecipientFile() {
    }

    public record Result(List<MintRecipient> recipients, List<CsvRows.Problem> refused) {
        public Result {
            recipients = List.copyOf(recipients);
            refused = List.copyOf(refused);
        }
    }

    /** @throws CsvRows.BadHeaderException when the header is unusable: nothing is read */
    public static Result read(Reader in) throws IOException {
        CsvRows.Result read = CsvRows.read(in, COLUMNS, List.of("recipient_id"));
        List<CsvRows.Problem> refused = new ArrayList<>(read.problems());
        List<MintRecipient> recipients = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (CsvRows.Row row : read.rows()) {
            try {
                MintRecipient r = new MintRecipient(row.get("recipient_id"), row.get("variant"));
                Long earlier = seen.putIfAbsent(r.recipientId(), row.line());
                if (earlier != null) {
                    throw new IllegalArgumentException("recipient " + r.recipientId() + " already on line " + earlier);
                }
                recipients.add(r);
            } catch (IllegalArgumentException e) {
                refused.add(new CsvRows.Problem(row.line(), e.getMessage()));
            }
        }
        refused.sort((a, b) -> Long.compare(a.line(), b.line()));
        return new Result(recipients, refused);
    }
}
