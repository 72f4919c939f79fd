import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignLink;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.linktoken.LinkTokenDao;
import cz.proklik.mailer.mint.LinkMinter;
import cz.proklik.mailer.mint.MintRecipient;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.TrackingLink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * bench/mint.sh's measurement (issue 14 item 1): 'links mint' signs a campaign's 20 click links, its open pixel and
 * its unsubscribe link for each recipient and writes them to pkl_link_token on the embedded H2 (a file in HOME),
 * against two baselines in the same JVM: a bare LinkCodec loop signing the same links (no database), and bare JDBC
 * batches inserting rows of the same shape and size into a table of the same shape in a scratch H2 file (the floor
 * of any mint that stores its links in H2). Each round mints a new campaign (a first mint); the last line mints the
 * last campaign again (each recipient's links replaced). Leaves HOME migrated, with campaign C2026-MINT registered
 * and HOME/recipients.csv, for the script's timing of the real CLI.
 * Usage: java -cp app/target/proklik.jar bench/MintTiming.java HOME [LINKS] [ROUNDS]
 */
public class MintTiming {
    static final int CLICK_LINKS = 20;
    static final String CAMPAIGN = "C2026-MINT";

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int wanted = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int perRecipient = CLICK_LINKS + 2;
        int n = (wanted + perRecipient - 1) / perRecipient;
        KeyRing ring = KeyRing.parse("k1 active " + "A".repeat(43));
        Files.createDirectories(home);
        ring.save(home.resolve("keys"));
        List<MintRecipient> recipients = new ArrayList<>(n);
        StringBuilder csv = new StringBuilder("recipient_id,variant\n");
        for (int i = 0; i < n; i++) {
            recipients.add(new MintRecipient("G" + (100000 + i), i % 2 == 0 ? "A" : "B"));
            csv.append("G").append(100000 + i).append(',').append(i % 2 == 0 ? "A" : "B").append('\n');
        }
        Files.writeString(home.resolve("recipients.csv"), csv);
        List<String> targets = new ArrayList<>();
        for (int l = 0; l < CLICK_LINKS; l++) {
            targets.add("https://shop.example.com/kategorie/" + l + "?utm_source=email&utm_medium=newsletter"
                    + "&utm_campaign=2026-12-02_mint_bench&utm_content=link-" + l);
        }
        try (Database db = Database.embedded(home);
             Connection scratch = DriverManager.getConnection("jdbc:h2:file:" + home.resolve("scratch/db")
                     + ";MODE=MSSQLServer;DATABASE_TO_LOWER=TRUE", "sa", "")) {
            SchemaMigrator.of(db).migrate();
            scratch.createStatement().execute("CREATE TABLE t (campaign_id NVARCHAR(64) NOT NULL, recipient_id"
                    + " NVARCHAR(64) NOT NULL, keyword NVARCHAR(65) NOT NULL, kind CHAR(1) NOT NULL, link_id"
                    + " NVARCHAR(64) NULL, variant NVARCHAR(16) NULL, key_id NVARCHAR(32) NOT NULL, url VARCHAR(8000)"
                    + " NOT NULL, minted_at DATETIME2(3) NOT NULL, PRIMARY KEY (campaign_id, recipient_id, keyword))");
            CampaignDao campaigns = new CampaignDao(db.dataSource());
            LinkMinter minter = new LinkMinter(campaigns, new LinkTokenDao(db.dataSource()), new LinkCodec(ring),
                    "https://t.example.com", Clock.systemUTC());
            System.out.printf("%d recipients x %d links = %d links per round%n", n, perRecipient, n * perRecipient);
            System.out.printf("%-8s %12s %12s %12s %10s %10s %9s%n", "round", "bare codec", "bare H2 rows",
                    "links mint", "mint s", "H2 rows s", "mint/H2");
            String campaign = CAMPAIGN;
            for (int round = 0; round <= rounds + 1; round++) {
                boolean again = round == rounds + 1;
                if (!again) {
                    campaign = round == rounds ? CAMPAIGN : CAMPAIGN + "-" + round;
                    campaigns.register(Campaign.draft(campaign, "Mint bench", null, "2026-12-02_mint_" + round));
                    for (int l = 0; l < CLICK_LINKS; l++) {
                        campaigns.saveLink(CampaignLink.registered(campaign, "link-" + l, "link " + l, targets.get(l), l));
                    }
                }
                long t0 = System.nanoTime();
                List<String> urls = bare(new LinkCodec(ring), campaign, recipients, targets);
                long t1 = System.nanoTime();
                if (!again) {
                    insert(scratch, campaign, recipients, urls);
                }
                long t2 = System.nanoTime();
                LinkMinter.Minted minted = minter.mint(campaign, recipients);
                long t3 = System.nanoTime();
                double links = minted.links();
                String name = round == 0 ? "warm-up" : again ? "again" : String.valueOf(round);
                System.out.printf("%-8s %10.0f/s %10s/s %10.0f/s %9.2fs %9ss %8s%n", name, links / ((t1 - t0) / 1e9),
                        again ? "-" : String.format("%.0f", links / ((t2 - t1) / 1e9)), links / ((t3 - t2) / 1e9),
                        (t3 - t2) / 1e9, again ? "-" : String.format("%.2f", (t2 - t1) / 1e9),
                        again ? "-" : String.format("%.2fx", (double) (t3 - t2) / (t2 - t1)));
            }
        }
    }

    /** The same rows as bare JDBC batches, chunks of 2,000 recipients committed as the minter does. */
    static void insert(Connection c, String campaign, List<MintRecipient> recipients, List<String> urls)
            throws Exception {
        c.setAutoCommit(false);
        LocalDateTime now = LocalDateTime.now();
        int u = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int r = 0; r < recipients.size(); r++) {
                MintRecipient rec = recipients.get(r);
                for (int l = 0; l < CLICK_LINKS + 2; l++) {
                    ps.setString(1, campaign);
                    ps.setString(2, rec.recipientId());
                    ps.setString(3, l < CLICK_LINKS ? "link-" + l : l == CLICK_LINKS ? "@open" : "@unsubscribe");
                    ps.setString(4, l < CLICK_LINKS ? "c" : l == CLICK_LINKS ? "o" : "u");
                    ps.setString(5, l < CLICK_LINKS ? "link-" + l : null);
                    ps.setString(6, rec.variant());
                    ps.setString(7, "k1");
                    ps.setString(8, urls.get(u++));
                    ps.setObject(9, now);
                    ps.addBatch();
                }
                if (r % 2000 == 1999 || r == recipients.size() - 1) {
                    ps.executeBatch();
                    c.commit();
                }
            }
        }
    }

    /** The same links signed by the codec alone: no database, no rows. */
    static List<String> bare(LinkCodec codec, String campaign, List<MintRecipient> recipients, List<String> targets) {
        List<String> urls = new ArrayList<>(recipients.size() * (targets.size() + 2));
        for (MintRecipient r : recipients) {
            for (int l = 0; l < targets.size(); l++) {
                urls.add(codec.url("https://t.example.com", TrackingLink.click(campaign, r.recipientId(), "link-" + l,
                        r.variant(), targets.get(l))));
            }
            urls.add(codec.url("https://t.example.com", TrackingLink.open(campaign, r.recipientId(), r.variant())));
            urls.add(codec.url("https://t.example.com", TrackingLink.unsubscribe(campaign, r.recipientId(),
                    r.variant())));
        }
        return urls;
    }
}
