package cz.proklik.erp.campaign;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * Campaigns, their links and A/B variants ({@code pkl_campaign*}). Each upsert updates first {@code WITH (UPDLOCK,
 * HOLDLOCK)}: on SQL Server that holds the key, or the gap where a new one would go, to commit, so two writers of the
 * same new id queue instead of both inserting it (review finding 6; H2 ignores table hints and locks its own way).
 */
public class CampaignDao {

    private static final RowMapper<Campaign> CAMPAIGN = (rs, i) -> new Campaign(
            rs.getString("campaign_id"), rs.getString("name"), rs.getString("subject"),
            rs.getString("utm_campaign"), rs.getString("utm_medium"), fromDb(rs, "starts_at"),
            fromDb(rs, "sent_at"), rs.getInt("attribution_days"), CampaignStatus.fromCode(rs.getString("status")));

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public CampaignDao(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public CampaignDao(DataSource dataSource, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.clock = clock;
    }

    /**
     * Creates the campaign or updates it when the id exists. A utm_campaign already used by another campaign is
     * refused by the unique constraint ({@code DuplicateKeyException}), as seed 003 asks.
     */
    public void register(Campaign campaign) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("id", campaign.id())
                .addValue("name", campaign.name())
                .addValue("subject", campaign.subject())
                .addValue("utm", campaign.utmCampaign())
                .addValue("medium", campaign.utmMedium())
                .addValue("startsAt", toDb(campaign.startsAt()))
                .addValue("sentAt", toDb(campaign.sentAt()))
                .addValue("days", campaign.attributionDays())
                .addValue("status", campaign.status().code())
                .addValue("now", toDb(clock.instant()));
        tx.executeWithoutResult(s -> {
            int updated = jdbc.update("""
                    UPDATE pkl_campaign WITH (UPDLOCK, HOLDLOCK) SET name = :name, subject = :subject, utm_campaign = :utm,
                           utm_medium = :medium, starts_at = :startsAt, sent_at = :sentAt,
                           attribution_days = :days, status = :status
                    WHERE campaign_id = :id""", p);
            if (updated == 0) {
                jdbc.update("""
                        INSERT INTO pkl_campaign (campaign_id, name, subject, utm_campaign, utm_medium, starts_at,
                                                  sent_at, attribution_days, status, created_at)
                        VALUES (:id, :name, :subject, :utm, :medium, :startsAt, :sentAt, :days, :status, :now)""", p);
            }
        });
    }

    public Optional<Campaign> find(String campaignId) {
        return jdbc.query("SELECT * FROM pkl_campaign WHERE campaign_id = :id",
                new MapSqlParameterSource("id", campaignId), CAMPAIGN).stream().findFirst();
    }

    public Optional<Campaign> findByUtmCampaign(String utmCampaign) {
        return jdbc.query("SELECT * FROM pkl_campaign WHERE utm_campaign = :utm",
                new MapSqlParameterSource("utm", utmCampaign), CAMPAIGN).stream().findFirst();
    }

    public boolean exists(String campaignId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM pkl_campaign WHERE campaign_id = :id",
                new MapSqlParameterSource("id", campaignId), Integer.class);
        return n != null && n > 0;
    }

    public List<Campaign> all() {
        return jdbc.query("SELECT * FROM pkl_campaign ORDER BY created_at, campaign_id", CAMPAIGN);
    }

    public void setStatus(String campaignId, CampaignStatus status) {
        int n = jdbc.update("UPDATE pkl_campaign SET status = :status WHERE campaign_id = :id",
                new MapSqlParameterSource("id", campaignId).addValue("status", status.code()));
        if (n == 0) {
            throw new IllegalArgumentException("No campaign " + campaignId);
        }
    }

    /** Adds the link or updates its description, target and position. */
    public void saveLink(CampaignLink link) {
        saveLinks(List.of(link));
    }

    /** Adds or updates each link, all in one transaction (a CSV import: all its good rows, or none). */
    public void saveLinks(List<CampaignLink> links) {
        tx.executeWithoutResult(s -> {
            for (CampaignLink link : links) {
                MapSqlParameterSource p = new MapSqlParameterSource()
                        .addValue("c", link.campaignId()).addValue("l", link.linkId())
                        .addValue("d", link.description()).addValue("t", link.targetUrl())
                        .addValue("pos", link.position());
                if (jdbc.update("""
                        UPDATE pkl_campaign_link WITH (UPDLOCK, HOLDLOCK) SET description = :d, target_url = :t, position_no = :pos
                        WHERE campaign_id = :c AND link_id = :l""", p) == 0) {
                    jdbc.update("""
                            INSERT INTO pkl_campaign_link (campaign_id, link_id, description, target_url, position_no)
                            VALUES (:c, :l, :d, :t, :pos)""", p);
                }
            }
        });
    }

    public List<CampaignLink> links(String campaignId) {
        return jdbc.query("""
                SELECT * FROM pkl_campaign_link WHERE campaign_id = :c
                ORDER BY CASE WHEN position_no IS NULL THEN 1 ELSE 0 END, position_no, link_id""",
                new MapSqlParameterSource("c", campaignId),
                (rs, i) -> new CampaignLink(rs.getString("campaign_id"), rs.getString("link_id"),
                        rs.getString("description"), rs.getString("target_url"),
                        (Integer) rs.getObject("position_no", Integer.class)));
    }

    /** Adds the variant or updates its description and share. */
    public void saveVariant(CampaignVariant variant) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("c", variant.campaignId()).addValue("v", variant.variant())
                .addValue("d", variant.description()).addValue("s", variant.sharePct());
        tx.executeWithoutResult(s -> {
            if (jdbc.update("""
                    UPDATE pkl_campaign_variant WITH (UPDLOCK, HOLDLOCK) SET description = :d, share_pct = :s
                    WHERE campaign_id = :c AND variant = :v""", p) == 0) {
                jdbc.update("""
                        INSERT INTO pkl_campaign_variant (campaign_id, variant, description, share_pct)
                        VALUES (:c, :v, :d, :s)""", p);
            }
        });
    }

    /**
     * Removes the campaign's variants not named in {@code keep}: a card saved again with fewer variants must not go on
     * splitting into the old ones. Their variant templates ({@code pkl_mail_campaign_variant}) must be gone first.
     */
    public int retainVariants(String campaignId, Collection<String> keep) {
        MapSqlParameterSource p = new MapSqlParameterSource("c", campaignId);
        if (keep.isEmpty()) {
            return jdbc.update("DELETE FROM pkl_campaign_variant WHERE campaign_id = :c", p);
        }
        return jdbc.update("DELETE FROM pkl_campaign_variant WHERE campaign_id = :c AND variant NOT IN (:keep)",
                p.addValue("keep", List.copyOf(keep)));
    }

    public List<CampaignVariant> variants(String campaignId) {
        return jdbc.query("SELECT * FROM pkl_campaign_variant WHERE campaign_id = :c ORDER BY variant",
                new MapSqlParameterSource("c", campaignId),
                (rs, i) -> new CampaignVariant(rs.getString("campaign_id"), rs.getString("variant"),
                        rs.getString("description"), rs.getBigDecimal("share_pct")));
    }
}
