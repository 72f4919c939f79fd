import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import cz.proklik.erp.mailing.ErpContact;
import cz.proklik.erp.mailing.ErpProduct;
import cz.proklik.erp.mailing.StoredTemplate;
import cz.proklik.erp.mailing.StoredTemplateVersion;
import cz.proklik.mailer.links.UtmParameters;
import cz.proklik.mailer.render.CompiledTemplate;
import cz.proklik.mailer.render.MailRenderer;
import cz.proklik.mailer.render.RenderSettings;
import cz.proklik.mailer.render.RenderedMail;
import cz.proklik.mailer.render.TemplateCompiler;
import cz.proklik.tracking.autologin.AutologinCodec;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.TrackingLink;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * bench/render.sh's measurement (issue 15): Proklik renders and signs personalised e-mails (subject, HTML, plain
 * text, 20 tracked links with UTM, open pixel, unsubscribe link) for N recipients on one thread, against a bare
 * JMustache render of the same authored HTML with the same contact data (no links signed) in the same run.
 * Usage: java -cp app/target/proklik.jar bench/RenderTiming.java [RECIPIENTS] [ROUNDS]
 */
public class RenderTiming {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String html = template();
        StoredTemplate t = new StoredTemplate("bench", "bench", "shop@example.com", "Shop", "cs", "eshop", "x", null,
                List.of(new StoredTemplateVersion("cs", "eshop", "{{greeting}}, novinky pro {{contact.first_name}}",
                        null, null, null, "https://shop.example.com/p/{sku}", html)));
        CompiledTemplate compiled = TemplateCompiler.compile(t, t.versions().get(0));
        if (compiled.links().size() != 20) {
            throw new IllegalStateException("expected 20 link spans (18 + VML twin + product block), got " + compiled.links().size());
        }
        List<ErpProduct> products = List.of(
                new ErpProduct("P1", "SKU-1", "Káva zrnková 1 kg", "coffee", new BigDecimal("459"), "https://shop.example.com/i/1.jpg"),
                new ErpProduct("P2", "SKU-2", "Hrnek bílý", "mugs", new BigDecimal("149.5"), "https://shop.example.com/i/2.jpg"));
        KeyRing ring = KeyRing.parse("k1 active " + "A".repeat(43));
        MailRenderer renderer = new MailRenderer(new RenderSettings("C2026-BENCH", "Bench",
                new UtmParameters("newsletter", "2026-12-01_bench"), true, products, "https://t.example.com",
                new LinkCodec(ring), new AutologinCodec(ring), Duration.ofDays(14), null, Clock.systemUTC()));
        List<ErpContact> contacts = new ArrayList<>(n);
        String[] first = {"Jana", "Petr", "Eva", "Tomáš", "Lucie", "Jakub"};
        for (int i = 0; i < n; i++) {
            contacts.add(new ErpContact("G" + i, "user" + i + "@example.com", first[i % first.length], "Novák" + i,
                    "cs", "Praha", "CZ", null, true, null, i % 2 == 0 ? "Jano" : null, "Nováková", i % 3 == 0 ? "F" : null));
        }
        Template bare = Mustache.compiler().compile(html);
        List<Map<String, Object>> bareProducts = List.of(
                Map.of("name", "Káva zrnková 1 kg", "price", "459,00", "image_url", "https://shop.example.com/i/1.jpg",
                        "url", "https://shop.example.com/p/SKU-1"),
                Map.of("name", "Hrnek bílý", "price", "149,50", "image_url", "https://shop.example.com/i/2.jpg",
                        "url", "https://shop.example.com/p/SKU-2"));

        // The signing alone, as a render does it (the mail's 20 click targets, the open pixel, the unsubscribe
        // link), to show how much of a render is left to anything else: its rate is the bound of the render's.
        List<String> targets = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (var link : renderer.render(compiled, contacts.get(0), "A").links()) {
            targets.add(link.target());
            ids.add(link.linkId());
        }
        LinkCodec codec = renderer.settings().links();
        long sink = 0;
        double bestProklik = 0;
        double bestBare = 0;
        double bestSign = 0;
        for (int round = 0; round <= rounds; round++) {
            long t0 = System.nanoTime();
            for (ErpContact c : contacts) {
                Map<String, Object> model = new HashMap<>();
                Map<String, Object> contact = new HashMap<>();
                contact.put("id", c.id());
                contact.put("first_name", c.firstName());
                contact.put("last_name", c.lastName());
                contact.put("email", c.email());
                model.put("contact", contact);
                model.put("greeting", "Dobrý den");
                model.put("products", bareProducts);
                model.put("unsubscribe_url", "https://t.example.com/u/x");
                sink += bare.execute(model).length();
            }
            long t1 = System.nanoTime();
            long links = 0;
            for (ErpContact c : contacts) {
                RenderedMail m = renderer.render(compiled, c, "A");
                sink += m.html().length() + m.text().length() + m.subject().length();
                links += m.links().size();
            }
            long t2 = System.nanoTime();
            if (links != 20L * n) {
                throw new IllegalStateException("expected 20 tracked links per mail, got " + links / n);
            }
            for (ErpContact c : contacts) {
                sink += codec.url("https://t.example.com", TrackingLink.unsubscribe("C2026-BENCH", c.id(), "A")).length();
                sink += codec.url("https://t.example.com", TrackingLink.open("C2026-BENCH", c.id(), "A")).length();
                for (int k = 0; k < targets.size(); k++) {
                    sink += codec.url("https://t.example.com",
                            TrackingLink.click("C2026-BENCH", c.id(), ids.get(k), "A", targets.get(k))).length();
                }
            }
            long t3 = System.nanoTime();
            double bareRate = n / ((t1 - t0) / 1e9);
            double proklikRate = n / ((t2 - t1) / 1e9);
            double signRate = n / ((t3 - t2) / 1e9);
            System.out.printf("round %d%s: bare JMustache %.0f e-mails/s, Proklik render+sign %.0f e-mails/s (%.2fx);"
                    + " signing alone %.0f e-mails/s (%.2fx)%n", round, round == 0 ? " (warm-up)" : "", bareRate,
                    proklikRate, proklikRate / bareRate, signRate, signRate / bareRate);
            if (round > 0) {
                bestBare = Math.max(bestBare, bareRate);
                bestProklik = Math.max(bestProklik, proklikRate);
                bestSign = Math.max(bestSign, signRate);
            }
        }
        System.out.printf("RESULT recipients=%d links_per_mail=20 proklik_per_s=%.0f bare_jmustache_per_s=%.0f ratio=%.2f"
                + " signing_alone_per_s=%.0f signing_ratio=%.2f (best of %d rounds; sink %d)%n", n, bestProklik,
                bestBare, bestProklik / bestBare, bestSign, bestSign / bestBare, rounds, sink % 10);
    }

    /** A table-layout newsletter: 18 tracked links (one in an MSO VML button twin), a 2-product block (2 more). */
    static String template() {
        StringBuilder b = new StringBuilder("""
                <!DOCTYPE html><html lang="cs"><head><meta charset="utf-8"><title>Novinky</title>
                <style>td{font-family:Arial,sans-serif} a.btn{background:#c0392b;color:#fff}</style></head>
                <body style="margin:0;padding:0"><table role="presentation" width="100%" cellpadding="0" cellspacing="0">
                <tr><td><a href="https://shop.example.com/?ref=mail&amp;x=1#top" data-pkl-id="hero"><img src="https://shop.example.com/hero.jpg" alt="Jaro" width="600"></a></td></tr>
                <tr><td><h1>{{greeting}},</h1><p>milá/milý {{contact.first_name}} {{contact.last_name}}, máme pro vás novinky &ndash; slevy a&nbsp;dárky.</p></td></tr>
                """);
        for (int i = 1; i <= 15; i++) {
            b.append("<tr><td style=\"padding:8px\"><a href=\"https://shop.example.com/kategorie/").append(i)
                    .append("?sort=price&amp;page=1\">Kategorie ").append(i).append("</a> &ndash; nejlepší nabídky týdne pro vás, ")
                    .append("{{contact.first_name}}.</td></tr>\n");
        }
        b.append("""
                {{#products}}<tr><td><a href="{{url}}" data-pkl-id="product"><img src="{{image_url}}" alt="{{name}}" width="120"></a> {{name}} &ndash; {{price}} Kč</td></tr>{{/products}}
                <tr><td align="center"><!--[if mso]><v:roundrect href="https://shop.example.com/akce" style="height:40px;width:200px" arcsize="10%" fillcolor="#c0392b"><center>Do akce</center></v:roundrect><![endif]-->
                <!--[if !mso]><!-- --><a class="btn" href="https://shop.example.com/akce" data-pkl-id="cta">Do akce</a><!--<![endif]--></td></tr>
                <tr><td style="font-size:12px"><a href="mailto:info@shop.example.com">info@shop.example.com</a>
                <a href="https://shop.example.com/kontakt">Kontakt</a> <a href="{{unsubscribe_url}}">Odhlásit</a></td></tr>
                </table></body></html>
                """);
        return b.toString();
    }
}
