package cz.proklik.erp.mailing.card;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/** Campaign cards ({@code pkl_mail_campaign*}); the campaign row and its variants are {@code CampaignDao}'s. */
public class CampaignCardDao {
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public CampaignCardDao(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /**
     * The campaigns whose sending has started (sending, paused, done) and that use this template (for the card or
     * a variant): their template is frozen (docs/mailer-sending.md).
     */
    public List<String> sendingCampaignsOfTemplate(String templateId) {
        return jdbc.queryForList("""
                SELECT m.campaign_id FROM pkl_mail_campaign m
                JOIN pkl_campaign c ON c.campaign_id = m.campaign_id
                WHERE c.status IN ('sending', 'paused', 'done')
                  AND (m.template_id = :t OR EXISTS (SELECT 1 FROM pkl_mail_campaign_variant v
                                                    WHERE v.campaign_id = m.campaign_id AND v.template_id = :t))
                ORDER BY m.campaign_id""", new MapSqlParameterSource("t", templateId), String.class);
    }

    /** The campaigns whose sending has started and that send to this list: the list is frozen. */
    public List<String> sendingCampaignsOfList(String listId) {
        return jdbc.queryForList("""
                SELECT m.campaign_id FROM pkl_mail_campaign m
                JOIN pkl_campaign c ON c.campaign_id = m.campaign_id
                WHERE c.status IN ('sending', 'paused', 'done') AND m.list_id = :l
                ORDER BY m.campaign_id""", new MapSqlParameterSource("l", listId), String.class);
    }

    /** The next free sequence number (1 for the first card). */
    public int nextSequenceNo() {
        Integer max = jdbc.getJdbcTemplate().queryForObject("SELECT MAX(sequence_no) FROM pkl_mail_campaign",
                Integer.class);
        return max == null ? 1 : max + 1;
    }

    /** Creates or replaces the card, its products and its variant templates (the variants must exist). */
    public void save(CampaignCard card) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", card.campaignId())
                .addValue("seq", card.sequenceNo()).addValue("date", card.date())
                .addValue("list", card.listId()).addValue("tpl", card.templateId()).addValue("shop", card.shop())
                .addValue("greeting", card.personalGreeting()).addValue("holdout", card.holdoutPct())
                .addValue("at", toDb(card.createdAt()));
        tx.executeWithoutResult(s -> {
            jdbc.update("DELETE FROM pkl_mail_campaign_product WHERE campaign_id = :id", p);
            jdbc.update("DELETE FROM pkl_mail_campaign_variant WHERE campaign_id = :id", p);
            if (jdbc.update("""
                    UPDATE pkl_mail_campaign SET sequence_no = :seq, campaign_date = :date, list_id = :list,
                           template_id = :tpl, shop_code = :shop, personal_greeting = :greeting, holdout_pct = :holdout
                    WHERE campaign_id = :id""", p) == 0) {
                jdbc.update("""
                        INSERT INTO pkl_mail_campaign (campaign_id, sequence_no, campaign_date, list_id, template_id,
                                                       shop_code, personal_greeting, holdout_pct, created_at)
                        VALUES (:id, :seq, :date, :list, :tpl, :shop, :greeting, :holdout, :at)""", p);
            }
            List<String> products = card.productIds();
            SqlParameterSource[] rows = new SqlParameterSource[products.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = new MapSqlParameterSource("id", card.campaignId()).addValue("pos", i + 1)
                        .addValue("product", products.get(i));
            }
            jdbc.batchUpdate("INSERT INTO pkl_mail_campaign_product (campaign_id, position_no, product_id)"
                    + " VALUES (:id, :pos, :product)", rows);
            jdbc.batchUpdate("INSERT INTO pkl_mail_campaign_variant (campaign_id, variant, template_id)"
                    + " VALUES (:id, :v, :tpl)", card.variantTemplates().entrySet().stream()
                    .map(e -> new MapSqlParameterSource("id", card.campaignId()).addValue("v", e.getKey())
                            .addValue("tpl", e.getValue())).toArray(SqlParameterSource[]::new));
        });
    }

    public Optional<CampaignCard> find(String campaignId) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", campaignId);
        List<String> products = jdbc.queryForList("""
                SELECT product_id FROM pkl_mail_campaign_product WHERE campaign_id = :id ORDER BY position_no""",
                p, String.class);
        Map<String, String> variants = new LinkedHashMap<>();
        jdbc.query("SELECT variant, template_id FROM pkl_mail_campaign_variant WHERE campaign_id = :id ORDER BY variant",
                p, rs -> {
                    variants.put(rs.getString("variant"), rs.getString("template_id"));
                });
        return jdbc.query("SELECT * FROM pkl_mail_campaign WHERE campaign_id = :id", p, (rs, i) -> new CampaignCard(
                rs.getString("campaign_id"), rs.getInt("sequence_no"),
                rs.getObject("campaign_date", LocalDate.class), rs.getString("list_id"),
                rs.getString("template_id"), rs.getString("shop_code"), rs.getBoolean("personal_greeting"),
                rs.getBigDecimal("holdout_pct"), products, variants, fromDb(rs, "created_at"))).stream().findFirst();
    }

    public List<CampaignCard> all() {
        return jdbc.getJdbcTemplate().queryForList("SELECT campaign_id FROM pkl_mail_campaign ORDER BY sequence_no",
                String.class).stream().map(id -> find(id).orElseThrow()).toList();
    }
}
