package cz.proklik.erp;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.standin.StandinDataGenerator;
import cz.proklik.erp.standin.StandinOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class StandinDataGeneratorTest {

    @TempDir
    Path home;

    @Test
    void sameSeedGivesTheSameRowsVisibleThroughTheAdapterViews() {
        try (Database db = Database.embedded(home)) {
            SchemaMigrator.of(db).migrate();
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            StandinDataGenerator generator = new StandinDataGenerator(db.dataSource());
            Instant until = Instant.parse("2026-11-25T00:00:00Z");

            StandinDataGenerator.Summary first = generator.generate(500, 7, until);
            List<Map<String, Object>> firstContacts = jdbc.queryForList(
                    "SELECT * FROM pkl_erp_contact WHERE contact_id LIKE 'G%' ORDER BY contact_id");
            List<Map<String, Object>> firstOrders = jdbc.queryForList(
                    "SELECT * FROM pkl_erp_order WHERE order_id LIKE 'G-%' ORDER BY order_id");
            StandinDataGenerator.Summary second = generator.generate(500, 7, until);

            assertThat(second).isEqualTo(first);
            assertThat(first.contacts()).isEqualTo(500);
            assertThat(first.organisations()).isEqualTo(50);
            assertThat(first.orders()).isGreaterThan(200);
            assertThat(jdbc.queryForList("SELECT * FROM pkl_erp_contact WHERE contact_id LIKE 'G%' ORDER BY contact_id"))
                    .isEqualTo(firstContacts);
            assertThat(jdbc.queryForList("SELECT * FROM pkl_erp_order WHERE order_id LIKE 'G-%' ORDER BY order_id"))
                    .isEqualTo(firstOrders);
            // The SQL seed's five contacts are still there beside the generated ones.
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pkl_erp_contact", Integer.class)).isEqualTo(505);
            // Every generated order line points at a generated product, and order totals match their lines.
            assertThat(jdbc.queryForObject("""
                    SELECT COUNT(*) FROM pkl_erp_order_line l LEFT JOIN pkl_erp_product p ON p.product_id = l.product_id
                    WHERE l.order_id LIKE 'G-%' AND p.product_id IS NULL""", Integer.class)).isZero();
            assertThat(jdbc.queryForObject("""
                    SELECT COUNT(*) FROM pkl_erp_order o
                    WHERE o.order_id LIKE 'G-%' AND o.gross_amount <>
                          (SELECT SUM(l.gross_amount) FROM pkl_erp_order_line l WHERE l.order_id = o.order_id)""",
                    Integer.class)).isZero();
        }
    }

    @Test
    void addedOrdersAndTheirReturnShowThroughTheAdapterViews() {
        try (Database db = Database.embedded(home)) {
            SchemaMigrator.of(db).migrate();
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            StandinDataGenerator generator = new StandinDataGenerator(db.dataSource());
            generator.generate(20, 7, Instant.parse("2026-11-25T00:00:00Z"));
            BigDecimal gross = new BigDecimal("1000.0000");
            BigDecimal net = new BigDecimal("900.0000");
            BigDecimal back = new BigDecimal("-450.0000");

            generator.addOrders(List.of(
                    new StandinOrder("D-O1", "G1", Instant.parse("2026-11-26T10:00:00Z"), "CZK", gross,
                            new BigDecimal("100.0000"), net, false, null, "G-P3", BigDecimal.ONE),
                    new StandinOrder("D-OR1", "G1", Instant.parse("2026-11-28T10:00:00Z"), "CZK", back,
                            BigDecimal.ZERO, back, true, "D-O1", "G-P3", BigDecimal.ONE.negate())));

            assertThat(jdbc.queryForList("SELECT order_id, contact_id, net_amount, return_of_order_id"
                    + " FROM pkl_erp_order WHERE order_id LIKE 'D-%' ORDER BY order_id"))
                    .extracting(r -> r.get("order_id"), r -> r.get("contact_id"),
                            r -> ((BigDecimal) r.get("net_amount")).stripTrailingZeros(), r -> r.get("return_of_order_id"))
                    .containsExactly(tuple("D-O1", "G1", net.stripTrailingZeros(), null),
                            tuple("D-OR1", "G1", back.stripTrailingZeros(), "D-O1"));
            assertThat(jdbc.queryForList("SELECT product_id FROM pkl_erp_order_line WHERE order_id LIKE 'D-%'",
                    String.class)).containsExactly("G-P3", "G-P3");
        }
    }
}
