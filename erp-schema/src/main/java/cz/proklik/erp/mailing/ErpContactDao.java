package cz.proklik.erp.mailing;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads recipients and products through the ERP adapter views only. */
public class ErpContactDao {
    /** SQL Server allows 2,100 parameters per statement; slices stay well below. */
    private static final int SLICE = 500;

    private static final String CONTACT_SELECT = """
            SELECT c.contact_id, c.email, c.first_name, c.last_name, c.language_code, c.region, c.country_code,
                   c.organisation_id, c.email_consent, g.salutation, g.vocative_first_name, g.vocative_last_name,
                   g.gender
            FROM pkl_erp_contact c LEFT JOIN pkl_erp_contact_greeting g ON g.contact_id = c.contact_id
            """;

    private static final RowMapper<ErpContact> CONTACT = (rs, i) -> new ErpContact(rs.getString("contact_id"),
            rs.getString("email"), rs.getString("first_name"), rs.getString("last_name"),
            rs.getString("language_code"), rs.getString("region"), rs.getString("country_code"),
            rs.getString("organisation_id"), rs.getBoolean("email_consent"), rs.getString("salutation"),
            rs.getString("vocative_first_name"), rs.getString("vocative_last_name"), rs.getString("gender"));

    private final NamedParameterJdbcTemplate jdbc;

    public ErpContactDao(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    public Optional<ErpContact> find(String contactId) {
        return jdbc.query(CONTACT_SELECT + "WHERE c.contact_id = :id", new MapSqlParameterSource("id", contactId),
                CONTACT).stream().findFirst();
    }

    /** The contacts among {@code ids} that the ERP knows, keyed by id in the order asked. */
    public Map<String, ErpContact> findAll(Collection<String> ids) {
        Map<String, ErpContact> found = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += SLICE) {
            List<String> slice = all.subList(from, Math.min(all.size(), from + SLICE));
            for (ErpContact c : jdbc.query(CONTACT_SELECT + "WHERE c.contact_id IN (:ids)",
                    new MapSqlParameterSource("ids", slice), CONTACT)) {
                found.put(c.id(), c);
            }
        }
        Map<String, ErpContact> ordered = new LinkedHashMap<>();
        for (String id : ids) {
            if (found.containsKey(id)) {
                ordered.put(id, found.get(id));
            }
        }
        return ordered;
    }

    /** The products among {@code ids} that the ERP knows, keyed by id. */
    public Map<String, ErpProduct> products(Collection<String> ids) {
        Map<String, ErpProduct> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.query("""
                SELECT product_id, sku, name, product_group, price, image_url FROM pkl_erp_product
                WHERE product_id IN (:ids)""", new MapSqlParameterSource("ids", List.copyOf(ids)), rs -> {
            found.put(rs.getString("product_id"), new ErpProduct(rs.getString("product_id"), rs.getString("sku"),
                    rs.getString("name"), rs.getString("product_group"), rs.getBigDecimal("price"),
                    rs.getString("image_url")));
        });
        return found;
    }
}
