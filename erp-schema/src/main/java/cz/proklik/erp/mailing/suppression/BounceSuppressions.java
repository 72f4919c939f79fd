package cz.proklik.erp.mailing.suppression;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cz.proklik.erp.db.SqlTime.fromDb;

/**
 * The bounces module's suppression list ({@code pkl_suppression}, docs/bounces.md) as a source of the mailer's
 * lists: a row of scope "marketing" is a complaint, a row of scope "all" a hard bounce or repeated soft bounces
 * (its reason code is the detail). Addresses are compared in lower case, as the bounces module stores them.
 */
public class BounceSuppressions implements SuppressionSource {
    private static final int SLICE = 500;
    private final NamedParameterJdbcTemplate jdbc;

    public BounceSuppressions(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    @Override
    public List<Suppression> suppressed(Collection<Recipient> recipients) {
        Map<String, List<String>> contactsByEmail = new HashMap<>();
        for (Recipient r : recipients) {
            if (r.email() != null) {
                contactsByEmail.computeIfAbsent(r.email(), k -> new ArrayList<>()).add(r.contactId());
            }
        }
        List<String> emails = List.copyOf(contactsByEmail.keySet());
        List<Suppression> out = new ArrayList<>();
        for (int from = 0; from < emails.size(); from += SLICE) {
            jdbc.query("SELECT email, purpose, reason, suppressed_at FROM pkl_suppression WHERE email IN (:e)",
                    new MapSqlParameterSource("e", emails.subList(from, Math.min(emails.size(), from + SLICE))), rs -> {
                        SuppressionReason reason = "marketing".equals(rs.getString("purpose"))
                                ? SuppressionReason.COMPLAINED : SuppressionReason.HARD_BOUNCED;
                        for (String contact : contactsByEmail.getOrDefault(rs.getString("email"), List.of())) {
                            out.add(new Suppression(contact, reason, "pkl_suppression: " + rs.getString("reason"),
                                    fromDb(rs, "suppressed_at")));
                        }
                    });
        }
        return out;
    }
}
