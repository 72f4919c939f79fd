package cz.proklik.erp.linktoken;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * The pre-signed links of {@code pkl_link_token} (schema 7.0): written by {@code proklik links mint}, read by the
 * ERP's keyword expansion with {@link #KEYWORD_LOOKUP}, the same statement the Helios scripts use.
 */
public class LinkTokenDao {

    /**
     * What an ERP keyword expands to: the statement of the Helios scripts' {@code pkl_link_url} function
     * ({@code sql/helios-*\/link-keywords.sql}, with {@code @} for {@code :}), kept here so that the tests assert
     * exactly what the ERP reads ({@code HeliosLinkKeywordScriptTest} checks the scripts still say the same).
     */
    public static final String KEYWORD_LOOKUP = """
            SELECT url FROM pkl_link_token
            WHERE campaign_id = :campaign_id AND recipient_id = :recipient_id AND keyword = :keyword""";

    private final NamedParameterJdbcTemplate jdbc;
    private final JdbcTemplate plain;
    private final TransactionTemplate tx;

    public LinkTokenDao(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.plain = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /**
     * In one transaction: every link stored for {@code recipients} of {@code campaignId} goes, {@code tokens} come
     * in. Minting a recipient again therefore replaces its links whole (a link removed from the campaign leaves no
     * stale row, a new key replaces the old key's links), and other recipients' links stay as they are.
     */
    public void replace(String campaignId, List<String> recipients, List<LinkToken> tokens, Instant mintedAt) {
        LocalDateTime at = toDb(mintedAt);
        // Positional batches with a setter: named parameters cost a map and a parse per row, as much as the
        // insert itself at 100,000 rows (bench/mint.sh).
        tx.executeWithoutResult(s -> {
            plain.batchUpdate("DELETE FROM pkl_link_token WHERE campaign_id = ? AND recipient_id = ?",
                    new BatchPreparedStatementSetter() {
                        @Override
                        public void setValues(PreparedStatement ps, int i) throws SQLException {
                            ps.setString(1, campaignId);
                            ps.setString(2, recipients.get(i));
                        }

                        @Override
                        public int getBatchSize() {
                            return recipients.size();
                        }
                    });
            plain.batchUpdate("""
                    INSERT INTO pkl_link_token (campaign_id, recipient_id, keyword, kind, link_id, variant, key_id,
                                                url, minted_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", new BatchPreparedStatementSetter() {
                @Override
                public void setValues(PreparedStatement ps, int i) throws SQLException {
                    LinkToken t = tokens.get(i);
                    ps.setString(1, t.campaignId());
                    ps.setString(2, t.recipientId());
                    ps.setString(3, t.keyword());
                    ps.setString(4, String.valueOf(t.kind()));
                    ps.setString(5, t.linkId());
                    ps.setString(6, t.variant());
                    ps.setString(7, t.keyId());
                    ps.setString(8, t.url());
                    ps.setObject(9, at);
                }

                @Override
                public int getBatchSize() {
                    return tokens.size();
                }
            });
        });
    }

    /** The link {@code keyword} expands to for this recipient, as the ERP reads it ({@link #KEYWORD_LOOKUP}). */
    public Optional<String> url(String campaignId, String recipientId, String keyword) {
        return jdbc.queryForList(KEYWORD_LOOKUP, new MapSqlParameterSource("campaign_id", campaignId)
                .addValue("recipient_id", recipientId).addValue("keyword", keyword), String.class).stream().findFirst();
    }

    /** Links stored for the campaign. */
    public long count(String campaignId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM pkl_link_token WHERE campaign_id = :c",
                new MapSqlParameterSource("c", campaignId), Long.class);
        return n == null ? 0 : n;
    }

    /** Per campaign, the links signed by {@code keyId}: after {@code keys retire}, the campaigns to mint again. */
    public List<String> campaignsSignedBy(String keyId) {
        return jdbc.queryForList("""
                SELECT DISTINCT campaign_id FROM pkl_link_token WHERE key_id = :k ORDER BY campaign_id""",
                new MapSqlParameterSource("k", keyId), String.class);
    }
}
