package cz.proklik.erp.bounce;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * The suppression list ({@code pkl_suppression}): who may not be mailed, and why. The mailer asks
 * {@link #isSuppressed} (or {@link #suppressedAmong} for a batch) before each send. Addresses are compared in lower
 * case.
 */
public class SuppressionDao {
    private static final int KEYS_PER_QUERY = 500;
    private static final RowMapper<Suppression> ROW = (rs, i) -> new Suppression(rs.getString("email"),
            rs.getString("purpose"), rs.getString("reason"), (Long) rs.getObject("bounce_id", Long.class),
            fromDb(rs, "suppressed_at"));

    private final NamedParameterJdbcTemplate jdbc;

    public SuppressionDao(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /** True when {@code address} may not get a mail for {@code purpose}. */
    public boolean isSuppressed(String address, Purpose purpose) {
        return !suppressedAmong(List.of(address), purpose).isEmpty();
    }

    /** The lower-case addresses among {@code addresses} that may not get a mail for {@code purpose}. */
    public Set<String> suppressedAmong(Collection<String> addresses, Purpose purpose) {
        List<String> lower = addresses.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        Set<String> out = new HashSet<>();
        for (int from = 0; from < lower.size(); from += KEYS_PER_QUERY) {
            List<String> slice = lower.subList(from, Math.min(lower.size(), from + KEYS_PER_QUERY));
            String sql = purpose == Purpose.MARKETING
                    ? "SELECT DISTINCT email FROM pkl_suppression WHERE email IN (:e)"
                    : "SELECT DISTINCT email FROM pkl_suppression WHERE email IN (:e) AND purpose = 'all'";
            out.addAll(jdbc.queryForList(sql, new MapSqlParameterSource("e", slice), String.class));
        }
        return out;
    }

    /**
     * Suppresses {@code email} for {@code scope} unless it already is (the first reason stays).
     *
     * @return true when the row is new
     */
    public boolean suppress(String email, String scope, String reason, Long bounceId, Instant at) {
        Suppression s = new Suppression(email.trim().toLowerCase(Locale.ROOT), scope, reason, bounceId, at);
        MapSqlParameterSource p = new MapSqlParameterSource("e", s.email()).addValue("p", s.scope())
                .addValue("r", s.reason()).addValue("b", s.bounceId()).addValue("t", toDb(s.suppressedAt()));
        Integer existing = jdbc.queryForObject("""
                SELECT COUNT(*) FROM pkl_suppression WITH (UPDLOCK, HOLDLOCK)
                WHERE email = :e AND purpose = :p""", p, Integer.class);
        if (existing != null && existing > 0) {
            return false;
        }
        jdbc.update("""
                INSERT INTO pkl_suppression (email, purpose, reason, bounce_id, suppressed_at)
                VALUES (:e, :p, :r, :b, :t)""", p);
        return true;
    }

    /** Lifts a suppression (the person asked, the mailbox works again). @return rows removed */
    public int lift(String email) {
        return jdbc.update("DELETE FROM pkl_suppression WHERE email = :e",
                new MapSqlParameterSource("e", email.trim().toLowerCase(Locale.ROOT)));
    }

    public List<Suppression> all(int limit) {
        return jdbc.query("SELECT TOP (:n) * FROM pkl_suppression ORDER BY suppressed_at DESC, email",
                new MapSqlParameterSource("n", limit), ROW);
    }

    public List<Suppression> of(String email) {
        return new ArrayList<>(jdbc.query("SELECT * FROM pkl_suppression WHERE email = :e ORDER BY purpose",
                new MapSqlParameterSource("e", email.trim().toLowerCase(Locale.ROOT)), ROW));
    }
}
