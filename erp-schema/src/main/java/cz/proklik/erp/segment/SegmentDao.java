package cz.proklik.erp.segment;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * Saved reaction segments ({@code pkl_segment}) and their members, read from the view {@code pkl_segment_member}:
 * membership is never stored, so a segment is as current as the aggregates the import job folds.
 */
public class SegmentDao {
    private static final RowMapper<SavedSegment> SEGMENT = (rs, i) -> new SavedSegment(rs.getString("segment_id"),
            rs.getString("campaign_id"), SegmentRule.fromCode(rs.getString("rule_kind")), rs.getString("link_id"),
            rs.getString("description"), fromDb(rs, "created_at"));

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public SegmentDao(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /** Saves the segment, replacing one of the same name (its rule and campaign may change). */
    public void save(SavedSegment segment) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", segment.id()).addValue("c", segment.campaignId())
                .addValue("rule", segment.rule().code()).addValue("link", segment.linkId())
                .addValue("d", segment.description()).addValue("at", toDb(segment.createdAt()));
        tx.executeWithoutResult(s -> {
            if (jdbc.update("""
                    UPDATE pkl_segment WITH (UPDLOCK, HOLDLOCK) SET campaign_id = :c, rule_kind = :rule, link_id = :link,
                        description = :d, created_at = :at
                    WHERE segment_id = :id""", p) == 0) {
                jdbc.update("""
                        INSERT INTO pkl_segment (segment_id, campaign_id, rule_kind, link_id, description, created_at)
                        VALUES (:id, :c, :rule, :link, :d, :at)""", p);
            }
        });
    }

    public Optional<SavedSegment> find(String segmentId) {
        return jdbc.query("SELECT * FROM pkl_segment WHERE segment_id = :id",
                new MapSqlParameterSource("id", segmentId), SEGMENT).stream().findFirst();
    }

    public List<SavedSegment> all() {
        return jdbc.query("SELECT * FROM pkl_segment ORDER BY segment_id", SEGMENT);
    }

    /** The members now, by contact id. */
    public List<SegmentMember> members(String segmentId) {
        return jdbc.query("""
                SELECT contact_id, since FROM pkl_segment_member WHERE segment_id = :id ORDER BY contact_id""",
                new MapSqlParameterSource("id", segmentId),
                (rs, i) -> new SegmentMember(rs.getString("contact_id"), fromDb(rs, "since")));
    }

    /** Members per segment now (segments without members: 0). */
    public Map<String, Integer> memberCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        jdbc.query("SELECT segment_id FROM pkl_segment", rs -> {
            counts.put(rs.getString(1), 0);
        });
        jdbc.query("SELECT segment_id, COUNT(*) AS members FROM pkl_segment_member GROUP BY segment_id", rs -> {
            counts.put(rs.getString("segment_id"), rs.getInt("members"));
        });
        return counts;
    }
}
