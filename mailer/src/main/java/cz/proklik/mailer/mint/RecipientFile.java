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
    static final CsvRows.Header HEADER = new CsvRows.Header(Set.of("recipient_id", "variant"), List.of("recipient_id"),
            Map.of());

    private RecipientFile() {
    }

    public record Result(List<MintRecipient> recipients, List<CsvRows.RowError> refused) {
        public Result {
            recipients = List.copyOf(recipients);
            refused = List.copyOf(refused);
        }
    }

    /** @throws CsvRows.BadHeaderException when the header is unusable: nothing is read */
    public static Result read(Reader in) throws IOException {
        List<MintRecipient> recipients = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        CsvRows.Outcome read = CsvRows.read(in, HEADER, row -> {
            MintRecipient r = new MintRecipient(row.value("recipient_id"), row.value("variant"));
            Long earlier = seen.putIfAbsent(r.recipientId(), row.line());
            if (earlier != null) {
                throw new IllegalArgumentException("recipient " + r.recipientId() + " already on line " + earlier);
            }
            recipients.add(r);
        });
        return new Result(recipients, read.errors());
    }
}
