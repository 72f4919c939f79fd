package cz.proklik.bounces;

import cz.proklik.bounces.analyze.BounceAnalyzer;
import cz.proklik.bounces.classify.Classifier;
import cz.proklik.bounces.match.SendMatcher;
import cz.proklik.erp.bounce.BounceMatchDao;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.send.Send;
import cz.proklik.erp.send.SendDao;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.SigningKey;
import cz.proklik.tracking.link.TrackingLink;
import cz.proklik.tracking.verp.VerpAddress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The corpus world: a real H2 file database with three campaigns sent to the corpus addresses (C0 a month before the
 * bounces, C1 the campaign that bounced, C2 after them), a key ring, and the corpus files with their placeholders
 * ({{verp:R01}}, {{open:R06}}, {{click:R29}}) filled in with addresses and links signed by that ring.
 */
public final class BounceFixture implements AutoCloseable {
    public static final String CAMPAIGN = "C1";
    public static final Map<String, String> EMAILS = emails();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(verp|open|click):(R\\d\\d)}}");

    public final Database db;
    public final KeyRing ring;
    public final VerpAddress verp;
    public final LinkCodec links;
    public final Map<String, Long> sendIds = new LinkedHashMap<>();

    public BounceFixture(Path dir) {
        db = Database.embedded(dir);
        SchemaMigrator.of(db).migrate();
        byte[] secret = new byte[SigningKey.SECRET_BYTES];
        Arrays.fill(secret, (byte) 7);
        ring = new KeyRing(List.of(new SigningKey("k20261201000000", SigningKey.State.ACTIVE, secret)));
        verp = new VerpAddress(ring);
        links = new LinkCodec(ring);
        CampaignDao campaigns = new CampaignDao(db.dataSource());
        SendDao sends = new SendDao(db.dataSource());
        BounceMatchDao match = new BounceMatchDao(db.dataSource());
        for (String c : List.of("C0", CAMPAIGN, "C2")) {
            campaigns.register(Campaign.draft(c, "Campaign " + c, "Novinky", "2026-12-01_promo_" + c));
            Instant at = Instant.parse(switch (c) {
                case "C0" -> "2026-11-01T08:00:00Z";
                case "C2" -> "2026-12-10T08:00:00Z";
                default -> "2026-12-01T08:00:00Z";
            });
            List<Send> rows = new ArrayList<>();
            EMAILS.forEach((r, e) -> rows.add(Send.sent(c, r, e, null, at)));
            sends.upsert(rows);
        }
        for (String r : EMAILS.keySet()) {
            sendIds.put(r, match.byCampaignRecipient(CAMPAIGN, r).orElseThrow().sendId());
            match.registerMessageId("msg-" + r.toLowerCase() + "@proklik.example", CAMPAIGN, r);
        }
    }

    public BounceAnalyzer analyzer() {
        return new BounceAnalyzer(Classifier.standard(),
                new SendMatcher(new BounceMatchDao(db.dataSource()), verp, links));
    }

    public byte[] corpusFile(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/bounce-corpus/" + name), name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String r = m.group(2);
                String value = switch (m.group(1)) {
                    case "verp" -> verp.encode("bounces", "proklik.example", sendIds.get(r));
                    case "open" -> links.token(TrackingLink.open(CAMPAIGN, r, null));
                    default -> links.token(TrackingLink.click(CAMPAIGN, r, "hero", null, "https://shop.example/"));
                };
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> emails() {
        String[] list = {"petr.svoboda@example.cz", "jana.dvorakova@example.cz", "karel@nonexistent-domain.example",
            "eva.novotna@firma.example", "lucie@firma.example", "tomas@qmail.example", "unused@example.cz",
            "martin@sendmail.example", "alena.kralova@gmail.com", "jiri.horak@gmail.com", "hana@contoso.example",
            "milan@contoso.example", "veronika@outlook.com", "josef@legacy.example", "klara.nova@yahoo.com",
            "ondrej@yahoo.com", "zuzana@ses.example", "radek@mg.example", "monika@fabrikam.example",
            "david@courier.example", "tereza@domino.example", "filip@gw.example", "marie@zimbra.example",
            "lukas@big.example", "adam@moved.example", "sarka@filter.example", "vojtech@slow.example",
            "ivana@yahoo.com", "roman@hotmail.com", "olga@firma.example", "bohumil@firma.example"};
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < list.length; i++) {
            out.put(String.format("R%02d", i + 1), list[i]);
        }
        return out;
    }

    @Override
    public void close() {
        db.close();
    }
}
