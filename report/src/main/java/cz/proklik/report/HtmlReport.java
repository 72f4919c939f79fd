package cz.proklik.report;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import cz.proklik.erp.report.Kpis;
import cz.proklik.erp.report.LinkKpis;
import cz.proklik.erp.report.RevenueKpis;
import cz.proklik.erp.report.TimelinePoint;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page: inline CSS, inline SVG charts drawn from the figures here, no script
 * and nothing loaded from the network, so it can be mailed or opened offline. All text goes through JMustache's
 * default HTML escaping ({{value}}); the template has no triple-brace, so no value from the database can become
 * markup. The charts' geometry is computed here and the SVG elements are written by the template as well.
 */
final class HtmlReport {
    private static final Template TEMPLATE = compile();
    private static final int CHART_W = 760;

    private HtmlReport() {
    }

    static void write(Writer out, CampaignReport report, Instant generatedAt) {
        try {
            TEMPLATE.execute(context(report, generatedAt), out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Template compile() {
        try (Reader in = new InputStreamReader(
                HtmlReport.class.getResourceAsStream("campaign-report.html.mustache"), StandardCharsets.UTF_8)) {
            return Mustache.compiler().escapeHTML(true).defaultValue("").compile(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> context(CampaignReport r, Instant generatedAt) {
        Kpis k = r.campaign().kpis();
        RevenueKpis rev = r.revenue();
        String cur = r.currency();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("title", r.title());
        c.put("campaignId", r.campaign().campaignId());
        c.put("name", r.campaign().name());
        c.put("utm", r.campaign().utmCampaign());
        c.put("sentAt", Formats.time(r.campaign().sentAt()));
        c.put("generatedAt", Formats.time(generatedAt));
        c.put("tiles", List.of(
                tile("Sent", Formats.count(k.sent()), k.failed() > 0 ? Formats.count(k.failed()) + " failed" : "none failed"),
                tile("Delivered", Formats.percent(k.deliveryRate()), Formats.count(k.delivered()) + " e-mails"),
                tile("Open rate (clean)", Formats.percent(k.openRateClean()),
                        Formats.count(k.uniqueOpensClean()) + " unique · raw " + Formats.percent(k.openRateRaw())),
                tile("CTR (clean)", Formats.percent(k.ctrClean()),
                        Formats.count(k.uniqueClicksClean()) + " unique · raw " + Formats.percent(k.ctrRaw())),
                tile("CTOR (clean)", Formats.percent(k.ctorClean()), "raw " + Formats.percent(k.ctorRaw())),
                tile("Unsubscribe rate", Formats.percent(k.unsubscribeRate()), Formats.count(k.unsubscribes()) + " people"),
                tile("Orders", Formats.count(rev == null ? 0 : rev.orders()),
                        "CVR " + Formats.percent(rev == null ? null : rev.cvr())),
                tile("Net revenue", Formats.money(rev == null ? null : rev.revenueNet(), cur),
                        "RPE " + Formats.money(rev == null ? null : rev.rpe(), cur))));
        c.put("funnel", funnel(k, rev));
        c.put("hourly", hourly(r.timeline().get("hoursSinceSend")));
        c.put("daily", daily(r.timeline().get("day")));
        c.put("links", links(r.links()));
        c.put("tables", r.tables().stream().map(HtmlReport::table).toList());
        return c;
    }

    private static Map<String, Object> tile(String label, String value, String sub) {
        return Map.of("label", label, "value", value, "sub", sub);
    }

    /** Sent → delivered → opened → clicked → ordered, a raw and a clean bar per stage, widths relative to sent. */
    private static Map<String, Object> funnel(Kpis k, RevenueKpis rev) {
        long orders = rev == null ? 0 : rev.orders();
        long[][] stages = {{k.sent(), k.sent()}, {k.delivered(), k.delivered()},
            {k.uniqueOpensRaw(), k.uniqueOpensClean()}, {k.uniqueClicksRaw(), k.uniqueClicksClean()},
            {orders, orders}};
        String[] names = {"sent", "delivered", "opened", "clicked", "ordered"};
        double max = Math.max(1, k.sent());
        int labelW = 110;
        int barW = CHART_W - labelW - 170;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < stages.length; i++) {
            int y = 10 + i * 46;
            double raw = stages[i][0] * barW / max;
            double clean = stages[i][1] * barW / max;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("label", names[i]);
            row.put("labelY", y + 20);
            row.put("x", labelW);
            row.put("rawY", y);
            row.put("cleanY", y + 16);
            row.put("rawW", num(Math.max(raw, stages[i][0] > 0 ? 1 : 0)));
            row.put("cleanW", num(Math.max(clean, stages[i][1] > 0 ? 1 : 0)));
            row.put("textX", num(labelW + Math.max(raw, clean) + 8));
            row.put("text", "raw " + Formats.count(stages[i][0]) + " · clean " + Formats.count(stages[i][1])
                    + (i > 1 && k.delivered() > 0 ? " (" + Formats.percent(BigDecimal.valueOf(stages[i][1])
                    .divide(BigDecimal.valueOf(k.delivered()), 6, RoundingMode.HALF_UP)) + " of delivered)" : ""));
            rows.add(row);
        }
        return Map.of("rows", rows, "height", 10 + stages.length * 46, "width", CHART_W);
    }

    /** Opens and clicks (clean) per hour since the send, 0..47, as two lines. */
    private static Map<String, Object> hourly(List<TimelinePoint> points) {
        int hours = CampaignReport.HOURS_SHOWN;
        long[] opens = new long[hours];
        long[] clicks = new long[hours];
        long[] clicksRaw = new long[hours];
        for (TimelinePoint p : points) {
            if (p.hourNo() >= 0 && p.hourNo() < hours) {
                opens[p.hourNo()] = p.opensClean();
                clicks[p.hourNo()] = p.clicksClean();
                clicksRaw[p.hourNo()] = p.clicksRaw();
            }
        }
        long max = 1;
        for (int h = 0; h < hours; h++) {
            max = Math.max(max, Math.max(opens[h], Math.max(clicks[h], clicksRaw[h])));
        }
        int left = 50;
        int top = 10;
        int plotW = CHART_W - left - 20;
        int plotH = 180;
        double step = plotW / (double) (hours - 1);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", CHART_W);
        m.put("height", top + plotH + 40);
        m.put("left", left);
        m.put("right", left + plotW);
        m.put("top", top);
        m.put("bottom", top + plotH);
        m.put("opens", polyline(opens, left, top, plotH, step, max));
        m.put("clicks", polyline(clicks, left, top, plotH, step, max));
        m.put("clicksRaw", polyline(clicksRaw, left, top, plotH, step, max));
        m.put("max", Formats.count(max));
        List<Map<String, Object>> ticks = new ArrayList<>();
        for (int h = 0; h < hours; h += 6) {
            ticks.add(Map.of("x", num(left + h * step), "label", "+" + h + " h"));
        }
        m.put("ticks", ticks);
        m.put("labelY", top + plotH + 18);
        m.put("empty", points.isEmpty());
        return m;
    }

    private static String polyline(long[] values, int left, int top, int plotH, double step, long max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(num(left + i * step)).append(',').append(num(top + plotH - values[i] * (double) plotH / max))
                    .append(' ');
        }
        return sb.toString().strip();
    }

    /** Clean clicks and clean opens per UTC day as bars. */
    private static Map<String, Object> daily(List<TimelinePoint> points) {
        long max = 1;
        for (TimelinePoint p : points) {
            max = Math.max(max, Math.max(p.opensClean(), p.clicksClean()));
        }
        int left = 50;
        int plotH = 150;
        int top = 10;
        int slot = points.isEmpty() ? 0 : Math.min(90, (CHART_W - left - 20) / points.size());
        List<Map<String, Object>> bars = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            TimelinePoint p = points.get(i);
            double x = left + i * slot + slot * 0.1;
            double w = slot * 0.38;
            double ho = p.opensClean() * (double) plotH / max;
            double hc = p.clicksClean() * (double) plotH / max;
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("openX", num(x));
            b.put("clickX", num(x + w + 2));
            b.put("w", num(w));
            b.put("openY", num(top + plotH - ho));
            b.put("openH", num(ho));
            b.put("clickY", num(top + plotH - hc));
            b.put("clickH", num(hc));
            b.put("labelX", num(x + w));
            b.put("label", p.periodStart().toString());
            b.put("tip", p.periodStart() + ": " + p.opensClean() + " clean opens, " + p.clicksClean() + " clean clicks");
            bars.add(b);
        }
        return Map.of("bars", bars, "width", CHART_W, "height", top + plotH + 30, "bottom", top + plotH,
                "labelY", top + plotH + 18, "left", left, "max", Formats.count(max), "top", top,
                "empty", points.isEmpty());
    }

    /** Clicks per link: clean bar over a lighter raw bar, labelled with the link's description. */
    private static Map<String, Object> links(List<LinkKpis> links) {
        long max = 1;
        for (LinkKpis l : links) {
            max = Math.max(max, l.clicksRaw());
        }
        int labelW = 260; // 30 characters of 14 px text fit left of the bars (the title has the full name)
        int barW = CHART_W - labelW - 210; // room right of the longest bar for "188 clean / 264 raw · 47.1 %"
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            LinkKpis l = links.get(i);
            int y = 8 + i * 30;
            double raw = l.clicksRaw() * (double) barW / max;
            double clean = l.clicksClean() * (double) barW / max;
            Map<String, Object> row = new LinkedHashMap<>();
            String label = l.description() == null || l.description().isBlank() ? l.linkId() : l.description();
            row.put("label", label.length() > 30 ? label.substring(0, 29) + "…" : label);
            row.put("title", l.linkId() + (l.targetUrl() == null ? "" : " → " + l.targetUrl()));
            row.put("y", y);
            row.put("textY", y + 16);
            row.put("x", labelW);
            row.put("rawW", num(raw));
            row.put("cleanW", num(clean));
            row.put("valueX", num(labelW + raw + 8));
            row.put("value", Formats.count(l.clicksClean()) + " clean / " + Formats.count(l.clicksRaw()) + " raw · "
                    + Formats.percent(l.shareCleanClicks()));
            rows.add(row);
        }
        return Map.of("rows", rows, "width", CHART_W, "height", 16 + links.size() * 30, "labelX", labelW - 8,
                "empty", links.isEmpty());
    }

    private static Map<String, Object> table(Table t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", t.key());
        m.put("title", t.title());
        m.put("note", t.note());
        m.put("headers", t.columns().stream().map(col -> Map.of("text", col.header(), "cls", col.numeric() ? "n" : ""))
                .toList());
        m.put("rows", t.rows().stream().map(row -> {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                cells.add(Map.of("text", row.get(i).display(), "cls", t.columns().get(i).numeric() ? "n" : ""));
            }
            return Map.of("cells", cells);
        }).toList());
        m.put("empty", t.rows().isEmpty());
        return m;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
