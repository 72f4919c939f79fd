package cz.proklik.erp;

import static org.assertj.core.api.Assertions.assertThat;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.standin.StandinDataGenerator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

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
}
