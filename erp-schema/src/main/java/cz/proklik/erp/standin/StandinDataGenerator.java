package cz.proklik.erp.standin;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * Fills the stand-in ERP tables ({@code pkl_standin_*}) with N made-up contacts for demos and load tests. The same
 * seed and N always give the same rows. Ids start with "G" so they never meet the small SQL seed (R1001..., ORG-...,
 * P1..., O-5001...); running it again first removes the rows it made before. Only for the embedded default: on a
 * real Helios the adapter views do not read these tables at all.
 */
public class StandinDataGenerator {

    private static final String[] FIRST = {"Jana", "Petr", "Eva", "Tomáš", "Lucie", "Jakub", "Zuzana", "Martin",
        "Anna", "Marek", "Kateřina", "Ondřej"};
    private static final String[] LAST = {"Nováková", "Svoboda", "Horváthová", "Dvořák", "Kowalska", "Černý",
        "Procházková", "Kučera", "Veselá", "Marek", "Kováč", "Nowak"};
    private static final String[][] COUNTRY = {{"CZ", "cs", "Praha"}, {"CZ", "cs", "Jihomoravský kraj"},
        {"SK", "sk", "Bratislavský kraj"}, {"PL", "pl", "Mazowieckie"}};
    private static final String[] GROUP = {"coffee", "tea", "accessories", "machines"};

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public StandinDataGenerator(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /**
     * Makes {@code contacts} contacts (one organisation per 10), 50 products and about one order per two contacts
     * (some with a partial return), ordered within the 60 days before {@code until}.
     */
    public Summary generate(int contacts, long seed, Instant until) {
        Random random = new Random(seed);
        int organisations = Math.max(1, contacts / 10);
        int products = 50;
        List<Object[]> orgRows = new ArrayList<>();
        for (int i = 1; i <= organisations; i++) {
            String[] c = COUNTRY[random.nextInt(COUNTRY.length)];
            orgRows.add(new Object[] {"G-ORG-" + i, "Firma " + i + " s.r.o.", c[0], c[2],
                random.nextBoolean() ? "retail" : "wholesale"});
        }
        List<Object[]> productRows = new ArrayList<>();
        List<BigDecimal> prices = new ArrayList<>();
        for (int i = 1; i <= products; i++) {
            BigDecimal price = BigDecimal.valueOf(49 + random.nextInt(2000)).setScale(4, RoundingMode.UNNECESSARY);
            prices.add(price);
            productRows.add(new Object[] {"G-P" + i, "G-SKU-" + i, "Produkt " + i, GROUP[i % GROUP.length], price,
                "https://shop.example.com/img/g-" + i + ".jpg"});
        }
        List<Object[]> contactRows = new ArrayList<>();
        List<Object[]> orderRows = new ArrayList<>();
        List<Object[]> lineRows = new ArrayList<>();
        int orderNo = 0;
        for (int i = 1; i <= contacts; i++) {
            String id = "G" + i;
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            String[] c = COUNTRY[random.nextInt(COUNTRY.length)];
            String org = random.nextInt(3) == 0 ? null : "G-ORG-" + (1 + random.nextInt(organisations));
            LocalDate birthday = random.nextInt(4) == 0 ? null
                    : LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28));
            contactRows.add(new Object[] {id, "g" + i + "@example.com", first, last, c[1], c[2], c[0], org,
                random.nextInt(10) < 8, birthday});
            if (random.nextBoolean()) {
                orderNo++;
                String orderId = "G-O" + orderNo;
                Instant at = until.minus(random.nextInt(60 * 24 * 60), ChronoUnit.MINUTES);
                int lines = 1 + random.nextInt(3);
                BigDecimal gross = BigDecimal.ZERO;
                for (int l = 1; l <= lines; l++) {
                    int p = random.nextInt(products);
                    BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(3)).setScale(4, RoundingMode.UNNECESSARY);
                    BigDecimal amount = prices.get(p).multiply(qty).setScale(4, RoundingMode.HALF_UP);
                    gross = gross.add(amount);
                    lineRows.add(new Object[] {orderId, l, "G-P" + (p + 1), qty, amount, amount});
                }
                BigDecimal discount = random.nextInt(5) == 0
                        ? gross.multiply(BigDecimal.valueOf(0.1)).setScale(4, RoundingMode.HALF_UP) : BigDecimal.ZERO;
                orderRows.add(new Object[] {orderId, id, org, toDb(at), "CZK", gross, discount, gross.subtract(discount),
                    false, null});
                if (random.nextInt(20) == 0) {
                    orderNo++;
                    String returnId = "G-O" + orderNo;
                    Object[] first1 = lineRows.get(lineRows.size() - lines);
                    BigDecimal back = ((BigDecimal) first1[4]).negate();
                    orderRows.add(new Object[] {returnId, id, org, toDb(at.plus(3, ChronoUnit.DAYS)), "CZK", back,
                        BigDecimal.ZERO, back, true, orderId});
                    lineRows.add(new Object[] {returnId, 1, first1[2], ((BigDecimal) first1[3]).negate(), back, back});
                }
            }
        }
        tx.executeWithoutResult(s -> {
            removePrevious();
            jdbc.batchUpdate("INSERT INTO pkl_standin_organisation (organisation_id, name, country_code, region, "
                    + "category) VALUES (?, ?, ?, ?, ?)", orgRows);
            jdbc.batchUpdate("INSERT INTO pkl_standin_product (product_id, sku, name, product_group, price, image_url) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", productRows);
            jdbc.batchUpdate("INSERT INTO pkl_standin_contact (contact_id, email, first_name, last_name, language_code, "
                    + "region, country_code, organisation_id, email_consent, birthday) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", contactRows);
            jdbc.batchUpdate("INSERT INTO pkl_standin_order (order_id, contact_id, organisation_id, ordered_at, "
                    + "currency, gross_amount, discount_amount, net_amount, is_return, return_of_order_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", orderRows);
            jdbc.batchUpdate("INSERT INTO pkl_standin_order_line (order_id, line_no, product_id, quantity, "
                    + "gross_amount, net_amount) VALUES (?, ?, ?, ?, ?, ?)", lineRows);
        });
        return new Summary(organisations, contactRows.size(), products, orderRows.size(), lineRows.size());
    }

    /**
     * Adds orders of one line each (the demo's orders of people who clicked), in one transaction. Their ids should
     * not start with "G": {@link #removePrevious} would take them for its own.
     */
    public void addOrders(List<StandinOrder> orders) {
        List<Object[]> orderRows = new ArrayList<>();
        List<Object[]> lineRows = new ArrayList<>();
        for (StandinOrder o : orders) {
            orderRows.add(new Object[] {o.orderId(), o.contactId(), toDb(o.orderedAt()), o.currency(), o.gross(),
                o.discount(), o.net(), o.isReturn(), o.returnOfOrderId()});
            lineRows.add(new Object[] {o.orderId(), 1, o.productId(), o.quantity(), o.gross(), o.net()});
        }
        tx.executeWithoutResult(s -> {
            jdbc.batchUpdate("INSERT INTO pkl_standin_order (order_id, contact_id, ordered_at, currency, gross_amount,"
                    + " discount_amount, net_amount, is_return, return_of_order_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    orderRows);
            jdbc.batchUpdate("INSERT INTO pkl_standin_order_line (order_id, line_no, product_id, quantity, "
                    + "gross_amount, net_amount) VALUES (?, ?, ?, ?, ?, ?)", lineRows);
        });
    }

    /** Removes what an earlier run made (ids starting with "G"); the SQL seed's rows stay. */
    public void removePrevious() {
        jdbc.update("DELETE FROM pkl_standin_order_line WHERE order_id LIKE 'G-%'");
        jdbc.update("DELETE FROM pkl_standin_order WHERE order_id LIKE 'G-%'");
        jdbc.update("DELETE FROM pkl_standin_contact WHERE contact_id LIKE 'G%'");
        jdbc.update("DELETE FROM pkl_standin_product WHERE product_id LIKE 'G-%'");
        jdbc.update("DELETE FROM pkl_standin_organisation WHERE organisation_id LIKE 'G-%'");
    }

    /** Row counts of one run. */
    public record Summary(int organisations, int contacts, int products, int orders, int orderLines) {
    }
}
