package cz.proklik.app.demo;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.app.config.ClickLogConfig;
import cz.proklik.app.config.ImportConfig;
import cz.proklik.app.config.ProklikConfig;
import cz.proklik.app.config.RedirectConfig;
import cz.proklik.app.keys.KeyRingSource;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignLink;
import cz.proklik.erp.campaign.CampaignStatus;
import cz.proklik.erp.campaign.CampaignVariant;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.send.SendDao;
import cz.proklik.erp.standin.StandinDataGenerator;
import cz.proklik.importer.job.ImportRunner;
import cz.proklik.importer.job.ImportSettings;
import cz.proklik.redirect.RedirectServer;
import cz.proklik.report.CampaignReport;
import cz.proklik.report.CampaignReports;
import cz.proklik.report.ReportFormat;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.link.LinkCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code proklik demo}: the whole pipeline on the embedded database in well under a minute, for a first look —
 * stand-in ERP contacts, a campaign with 5 links and an A/B split, sends, real HTTP traffic through the real
 * redirect server (people, Apple MPP, Gmail's image proxy, bots, a link scanner, unsubscribes), stand-in orders,
 * the import job, and the campaign report as text and HTML.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the whole pipeline on the embedded database with made-up data and print the report.")
public final class DemoCommand implements Callable<Integer> {
    static final long SEED = 20_261_125L;
    static final int CONTACTS = 4000;
    static final int RECIPIENTS = 3000;

    /**
     * A local server on any free port. Loopback is the trusted proxy, so X-Forwarded-For gives each simulated client
     * its own address (Apple's 17/8 for MPP, Google's for the image proxy) and the import's address rules see them.
     */
    private static final Map<String, String> DEMO_SERVER = Map.of("proklik.redirect.host", "127.0.0.1",
            "proklik.redirect.port", "0", "proklik.redirect.io-threads", "2",
            "proklik.redirect.fallback-url", "/invalid", "proklik.redirect.trusted-proxies", "127.0.0.0/8",
            "proklik.redirect.admin-allowed-from", "127.0.0.0/8", "proklik.redirect.max-header-size", "16384");

    @ParentCommand
    CommandContext context;

    @Option(names = "--recipients", paramLabel = "N", defaultValue = "20",
            description = "reacting recipients to list in the printed report, 0 = all (${DEFAULT-VALUE})")
    int recipients;

    @Override
    public Integer call() throws Exception {
        ProklikConfig config = context.config();
        PrintWriter out = context.out();
        if (!config.get("proklik.db.url").isEmpty()) {
            // The demo writes made-up contacts and orders into the stand-in ERP tables: never into a real ERP.
            throw new UsageException("the demo runs only on the embedded database; unset proklik.db.url"
                    + " (PROKLIK_DB_URL) or point PROKLIK_HOME at a scratch folder");
        }
        long start = System.nanoTime();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String campaignId = "DEMO-" + DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
                .withZone(ZoneOffset.UTC).format(now);
        Path home = config.home();
        DemoTraffic traffic = new DemoTraffic(campaignId, now, SEED);
        try (Database db = context.openDatabase()) {
            SchemaMigrator.of(db).migrate();
            Instant campaignSent = now.minus(DemoTraffic.HOURS_BACK, ChronoUnit.HOURS);

            // The generator's own orders end before the campaign, so only the demo's orders below are attributed.
            StandinDataGenerator.Summary erp = new StandinDataGenerator(db.dataSource())
                    .generate(CONTACTS, SEED, campaignSent.minus(1, ChronoUnit.DAYS));
            out.printf("Stand-in ERP: %,d contacts, %,d organisations, %,d products, %,d orders%n", erp.contacts(),
                    erp.organisations(), erp.products(), erp.orders());

            CampaignDao campaigns = new CampaignDao(db.dataSource());
            campaigns.register(new Campaign(campaignId, "Demo: autumn coffee offer", "Fresh roast -20 % this week",
                    DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC).format(now)
                            + "_demo_" + campaignId.substring(13), "newsletter", campaignSent, campaignSent,
                    Campaign.DEFAULT_ATTRIBUTION_DAYS, CampaignStatus.DONE));
            for (DemoTraffic.DemoLink l : DemoTraffic.LINKS) {
                campaigns.saveLink(new CampaignLink(campaignId, l.id(), l.description(), l.target(), l.position()));
            }
            campaigns.saveVariant(new CampaignVariant(campaignId, "A", "subject: Fresh roast -20 %",
                    BigDecimal.valueOf(50)));
            campaigns.saveVariant(new CampaignVariant(campaignId, "B", "subject: Your coffee is waiting",
                    BigDecimal.valueOf(50)));

            new SendDao(db.dataSource()).upsert(traffic.sends(RECIPIENTS));
            out.printf("Campaign %s: 5 links, variants A/B, %s%n", campaignId, traffic.sendSummary());

            LinkCodec codec = new LinkCodec(new KeyRingSource(config).loadOrCreate());
            ClickLogWriter log = ClickLogWriter.start(UsageException.ifInvalid(() -> ClickLogConfig.from(config)),
                    Clock.systemUTC());
            DemoTraffic.Result result;
            try (RedirectServer server = RedirectServer.start(
                    UsageException.ifInvalid(() -> RedirectConfig.from(config.withFlags(DEMO_SERVER))), codec, log)) {
                result = traffic.drive("http://127.0.0.1:" + server.port(), codec);
            }
            out.printf("Redirect server: %s%n", result);

            int orders = traffic.writeOrders(new StandinDataGenerator(db.dataSource()));
            out.printf("Stand-in orders for clickers: %d (and 1 return)%n", orders);
        }
        // As 'proklik import' does it: the runner's Spring context owns (and closes) the database it is given.
        // The demo prints its own summary; a progress bar would interleave with it.
        ImportSettings importSettings = UsageException.ifInvalid(() -> ImportConfig.from(config, false));
        try (Database db = context.openDatabase();
             ImportRunner runner = new ImportRunner(db, importSettings)) {
            out.println("Import done: " + runner.runOnce());
        }
        try (Database db = context.openDatabase()) {
            out.println();
            Path html = home.resolve("reports").resolve(campaignId + ".html");
            CampaignReports reports = new CampaignReports(db.dataSource(), Clock.systemUTC());
            CampaignReport report = reports.load(campaignId, new CampaignReport.Limits(recipients,
                    CampaignReport.Limits.DEFAULT.orders())).orElseThrow();
            CampaignReports.print(out, report, ReportFormat.TEXT);
            reports.writeHtml(report, html);
            out.printf("HTML report: %s%n", html.toAbsolutePath().normalize());
            out.printf("Demo finished in %.1f s. Again: ./proklik report campaign %s [--html FILE]%n",
                    (System.nanoTime() - start) / 1e9, campaignId);
            out.flush();
        }
        return 0;
    }
}
