package cz.proklik.erp.mailing.list;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * Recipient lists ({@code pkl_mail_list*}) and their evaluation. A criteria list is turned into one SELECT over
 * {@code pkl_erp_contact}: each criterion adds the fixed condition of its field (constants below) with its
 * operator's constant SQL and a bound parameter, so no text from a list ever becomes SQL. Selecting contacts, not
 * orders, gives one row per person however many of their orders match.
 */
public class ListDao {
    private static final String CANDIDATES = "SELECT c.contact_id, c.email, c.email_consent FROM pkl_erp_contact c";
    private static final String PURCHASES = " FROM pkl_erp_order o WHERE o.contact_id = c.contact_id AND o.is_return = 0";
    private static final String ORDERS = PURCHASES + ")";
    private static final String BOUGHT = "EXISTS (SELECT 1 FROM pkl_erp_order o JOIN pkl_erp_order_line l"
            + " ON l.order_id = o.order_id";
    private static final String BOUGHT_WHERE = " WHERE o.contact_id = c.contact_id AND o.is_return = 0 AND ";

    private static final RowMapper<Candidate> CANDIDATE = (rs, i) -> new Candidate(rs.getString("contact_id"),
            rs.getString("email"), rs.getBoolean("email_consent"), 0);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public ListDao(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /** The contacts matching every criterion, now, ordered by contact id. */
    public List<Candidate> evaluate(List<Criterion> criteria) {
        StringBuilder sql = new StringBuilder(CANDIDATES);
        MapSqlParameterSource p = new MapSqlParameterSource();
        for (int i = 0; i < criteria.size(); i++) {
            sql.append(i == 0 ? " WHERE " : " AND ").append(condition(criteria.get(i), i, p));
        }
        sql.append(" ORDER BY c.contact_id");
        return jdbc.query(sql.toString(), p, CANDIDATE);
    }

    /** Only constants and parameter names (p0, p1, ...) are put together here. */
    private static String condition(Criterion c, int i, MapSqlParameterSource p) {
        String name = "p" + i;
        String param = ":" + name;
        String op = " " + c.operator().sql() + " ";
        switch (c.field().type()) {
            case INTEGER -> p.addValue(name, Integer.parseInt(c.value()));
            case DECIMAL -> p.addValue(name, new BigDecimal(c.value()));
            case DATE -> p.addValue(name, LocalDate.parse(c.value()).atStartOfDay());
            case TEXT -> p.addValue(name, c.value());
            default -> throw new IllegalStateException();
        }
        return switch (c.field()) {
            case AVG_RECEIPT -> "(SELECT AVG(o.net_amount)" + ORDERS + op + param;
            case ORDER_COUNT -> "(SELECT COUNT(*)" + ORDERS + op + param;
            case ORDER_SUM -> "COALESCE((SELECT SUM(o.net_amount)" + ORDERS + ", 0)" + op + param;
            case LAST_ORDER -> "(SELECT MAX(o.ordered_at)" + ORDERS + op + param;
            case REGION -> "c.region" + op + param;
            case LANGUAGE -> "c.language_code" + op + param;
            case COUNTRY -> "c.country_code" + op + param;
            case PRODUCT -> (c.operator() == Operator.NE ? "NOT " : "") + BOUGHT + BOUGHT_WHERE + "l.product_id = "
                    + param + ")";
            case PRODUCT_GROUP -> (c.operator() == Operator.NE ? "NOT " : "") + BOUGHT
                    + " JOIN pkl_erp_product pr ON pr.product_id = l.product_id" + BOUGHT_WHERE
                    + "pr.product_group = " + param + ")";
            case SHOP -> (c.operator() == Operator.NE ? "NOT " : "") + "EXISTS (SELECT 1" + PURCHASES
                    + " AND o.shop_code = " + param + ")";
            case CLICKED -> clicked(c.value(), name, p);
            case OPENED_NOT_CLICKED -> "EXISTS (SELECT 1 FROM pkl_agg_recipient a WHERE a.campaign_id = " + param
                    + " AND a.recipient_id = c.contact_id AND a.opens_clean > 0 AND a.clicks_clean = 0)";
            case SEGMENT -> (c.operator() == Operator.NE ? "NOT " : "") + "EXISTS (SELECT 1 FROM pkl_segment_member m"
                    + " WHERE m.segment_id = " + param + " AND m.contact_id = c.contact_id)";
        };
    }

    private static String clicked(String value, String name, MapSqlParameterSource p) {
        int slash = value.indexOf('/');
        String base = "EXISTS (SELECT 1 FROM pkl_agg_recipient_link a WHERE a.campaign_id = :" + name
                + " AND a.recipient_id = c.contact_id AND a.clicks_clean > 0";
        if (slash < 0) {
            return base + ")";
        }
        p.addValue(name, value.substring(0, slash));
        p.addValue(name + "l", value.substring(slash + 1));
        return base + " AND a.link_id = :" + name + "l)";
    }

    /** The stored members of an imported list, with the ERP's consent and (when the file gave none) address. */
    public List<Candidate> members(String listId) {
        return jdbc.query("""
                SELECT m.contact_id, COALESCE(m.email, c.email) AS email, c.email_consent, m.line_no
                FROM pkl_mail_list_member m JOIN pkl_erp_contact c ON c.contact_id = m.contact_id
                WHERE m.list_id = :id ORDER BY m.line_no""", new MapSqlParameterSource("id", listId),
                (rs, i) -> new Candidate(rs.getString("contact_id"), rs.getString("email"),
                        rs.getBoolean("email_consent"), rs.getInt("line_no")));
    }

    /** Creates or replaces the list with its criteria or members, in one transaction. */
    public void save(MailList list, List<Candidate> members) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", list.id()).addValue("name", list.name())
                .addValue("kind", list.kind().name().toLowerCase(Locale.ROOT)).addValue("src", list.sourceName())
                .addValue("at", toDb(list.createdAt()));
        tx.executeWithoutResult(s -> {
            jdbc.update("DELETE FROM pkl_mail_list_criterion WHERE list_id = :id", p);
            jdbc.update("DELETE FROM pkl_mail_list_member WHERE list_id = :id", p);
            if (jdbc.update("UPDATE pkl_mail_list SET name = :name, kind = :kind, source_name = :src, created_at = :at"
                    + " WHERE list_id = :id", p) == 0) {
                jdbc.update("INSERT INTO pkl_mail_list (list_id, name, kind, source_name, created_at)"
                        + " VALUES (:id, :name, :kind, :src, :at)", p);
            }
            List<SqlParameterSource> rows = new ArrayList<>();
            for (int i = 0; i < list.criteria().size(); i++) {
                Criterion c = list.criteria().get(i);
                rows.add(new MapSqlParameterSource("id", list.id()).addValue("pos", i + 1)
                        .addValue("field", c.field().code()).addValue("op", c.operator().code())
                        .addValue("value", c.value()));
            }
            jdbc.batchUpdate("INSERT INTO pkl_mail_list_criterion (list_id, position_no, field, operator, criterion_value)"
                    + " VALUES (:id, :pos, :field, :op, :value)", rows.toArray(SqlParameterSource[]::new));
            SqlParameterSource[] memberRows = members.stream().map(m -> new MapSqlParameterSource("id", list.id())
                    .addValue("c", m.contactId()).addValue("e", m.email()).addValue("line", m.lineNo()))
                    .toArray(SqlParameterSource[]::new);
            jdbc.batchUpdate("INSERT INTO pkl_mail_list_member (list_id, contact_id, email, line_no)"
                    + " VALUES (:id, :c, :e, :line)", memberRows);
        });
    }

    public Optional<MailList> find(String listId) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", listId);
        List<Criterion> criteria = jdbc.query("""
                SELECT field, operator, criterion_value FROM pkl_mail_list_criterion WHERE list_id = :id ORDER BY position_no""",
                p, (rs, i) -> new Criterion(CriterionField.fromCode(rs.getString("field")),
                        Operator.fromCode(rs.getString("operator")), rs.getString("criterion_value")));
        return jdbc.query("SELECT * FROM pkl_mail_list WHERE list_id = :id", p, (rs, i) -> new MailList(
                rs.getString("list_id"), rs.getString("name"),
                MailList.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), rs.getString("source_name"),
                fromDb(rs, "created_at"), criteria)).stream().findFirst();
    }

    public List<MailList> all() {
        return jdbc.query("SELECT list_id FROM pkl_mail_list ORDER BY list_id", (rs, i) -> rs.getString(1))
                .stream().map(id -> find(id).orElseThrow()).toList();
    }

    /** ERP contact ids by lower-cased address, for imported files that give only addresses. */
    public Map<String, String> contactIdsByEmail(Collection<String> emails) {
        Map<String, String> found = new HashMap<>();
        List<String> all = emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).distinct().toList();
        for (int from = 0; from < all.size(); from += 500) {
            jdbc.query("SELECT contact_id, email FROM pkl_erp_contact WHERE LOWER(email) IN (:e) ORDER BY contact_id",
                    new MapSqlParameterSource("e", all.subList(from, Math.min(all.size(), from + 500))),
                    rs -> {
                        found.putIfAbsent(rs.getString("email").toLowerCase(Locale.ROOT), rs.getString("contact_id"));
                    });
        }
        return found;
    }

    /** Which of these ids the ERP knows. */
    public Set<String> knownContacts(Collection<String> ids) {
        Set<String> found = new HashSet<>();
        List<String> all = List.copyOf(new LinkedHashSet<>(ids));
        for (int from = 0; from < all.size(); from += 500) {
            found.addAll(jdbc.queryForList("SELECT contact_id FROM pkl_erp_contact WHERE contact_id IN (:ids)",
                    new MapSqlParameterSource("ids", all.subList(from, Math.min(all.size(), from + 500))),
                    String.class));
        }
        return found;
    }
}
