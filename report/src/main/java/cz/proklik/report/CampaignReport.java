package cz.proklik.report;

import cz.proklik.erp.aggregate.Segment;
import cz.proklik.erp.bounce.BounceKpiDao;
import cz.proklik.erp.campaign.CampaignRefreshDao.RefreshState;
import cz.proklik.erp.report.AttributedOrder;
import cz.proklik.erp.report.CampaignKpis;
import cz.proklik.erp.report.CampaignReportDao;
import cz.proklik.erp.report.FlagNoise;
import cz.proklik.erp.report.FlagNoiseDao;
import cz.proklik.erp.report.Kpis;
import cz.proklik.erp.report.LinkKpis;
import cz.proklik.erp.report.LinkSegmentKpis;
import cz.proklik.erp.report.RecipientClick;
import cz.proklik.erp.report.RecipientReaction;
import cz.proklik.erp.report.RevenueKpis;
import cz.proklik.erp.report.TimelinePoint;
import cz.proklik.erp.report.TimelinePoint.Granularity;
import cz.proklik.erp.report.VariantKpis;
import cz.proklik.erp.response.ResponseDao;
import cz.proklik.erp.response.ResponseDao.CampaignResponses;
import cz.proklik.erp.response.ResponseDao.RecipientResponses;
import cz.proklik.erp.response.ResponseDao.StoredResponse;
import cz.proklik.report.Table.Cell;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the evaluation views say about one campaign (docs/evaluation.md), read once through
 * {@link CampaignReportDao}, and the tables every output format shows. No figure is computed here: the views are the
 * one definition of each KPI, so the report, the ERP and a SQL user always agree.
 */
public record CampaignReport(CampaignKpis campaign, RevenueKpis revenue, List<AttributedOrder> attributedOrders,
                      List<LinkKpis> links, Map<String, List<LinkSegmentKpis>> linksBySegment,
                      List<VariantKpis> variants, Map<String, List<TimelinePoint>> timeline,
                      long reactingRecipients, List<RecipientRow> recipients, List<FlagNoise> noise,
                      BounceKpiDao.Complaints complaints, List<BounceKpiDao.BounceReason> bounceReasons,
                      CampaignResponses responses, List<StoredResponse> latestResponses,
                      List<BounceKpiDao.ListHealth> listHealth, List<BounceKpiDao.ListHealthMonth> listHealthByMonth) {

    /** How many rows the long lists show; 0 = all. */
    public record Limits(int recipients, int orders) {
        public static final Limits DEFAULT = new Limits(20, 20);
    }

    static final int HOURS_SHOWN = 48;

    /** One reacting recipient with the links they clicked and their responses (null: none). */
    record RecipientRow(RecipientReaction reaction, List<RecipientClick> clicks, RecipientResponses responses) {
    }

    static Optional<CampaignReport> load(CampaignReportDao dao, FlagNoiseDao noise, BounceKpiDao bounces,
                                         ResponseDao responseDao, String campaignId, Limits limits) {
        Optional<CampaignKpis> campaign = dao.campaign(campaignId);
        if (campaign.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<LinkSegmentKpis>> segments = new LinkedHashMap<>();
        for (Segment segment : Segment.values()) {
            segments.put(segment.kind(), dao.linksBySegment(campaignId, segment));
        }
        Map<String, List<TimelinePoint>> timeline = new LinkedHashMap<>();
        timeline.put("hoursSinceSend", dao.timeline(campaignId, Granularity.HOURS_SINCE_SEND).stream()
                .filter(p -> p.hourNo() < HOURS_SHOWN).toList());
        timeline.put("day", dao.timeline(campaignId, Granularity.DAY));
        timeline.put("week", dao.timeline(campaignId, Granularity.WEEK));

        List<AttributedOrder> orders = limits.orders() == 0 ? dao.attributedOrders(campaignId)
                : dao.largestAttributedOrders(campaignId, limits.orders());
        List<RecipientReaction> shown;
        long reacting;
        if (limits.recipients() == 0) {
            shown = dao.recipients(campaignId).stream().filter(RecipientReaction::reacted)
                    .sorted(RecipientReaction.MOST_ACTIVE_FIRST).toList();
            reacting = shown.size();
        } else {
            shown = dao.mostActiveRecipients(campaignId, limits.recipients());
            reacting = dao.reactingRecipientCount(campaignId);
        }
        Map<String, List<RecipientClick>> clicks = dao.recipientClicks(campaignId,
                        shown.stream().map(RecipientReaction::recipientId).toList()).stream()
                .collect(Collectors.groupingBy(RecipientClick::recipientId));
        Map<String, RecipientResponses> answered = responseDao.byRecipients(campaignId,
                shown.stream().map(RecipientReaction::recipientId).toList());
        // The health of the list this campaign went to beside that of all addresses (only the latter when the
        // campaign has no mailer list: the ERP or a CSV import sent it).
        Optional<String> list = bounces.listOf(campaignId);
        List<BounceKpiDao.ListHealth> health = bounces.listHealth().stream()
                .filter(h -> h.overall() || list.filter(h.listId()::equals).isPresent()).toList();
        List<RecipientRow> rows = shown.stream()
                .map(r -> new RecipientRow(r, clicks.getOrDefault(r.recipientId(), List.of()),
                        answered.get(r.recipientId()))).toList();
        return Optional.of(new CampaignReport(campaign.get(), dao.revenue(campaignId).orElse(null),
                orders, dao.links(campaignId), segments, dao.variants(campaignId), timeline, reacting, rows,
                noise.noise(campaignId), bounces.complaints(campaignId).orElse(null), bounces.reasons(campaignId),
                responseDao.campaign(campaignId).orElse(CampaignResponses.none(campaignId)),
                responseDao.latest(campaignId, limits.recipients()), health,
                list.map(bounces::healthByMonth).orElseGet(bounces::healthByMonth)));
    }

    String currency() {
        return revenue == null ? null : revenue.currency();
    }

    String title() {
        return campaign.campaignId() + " — " + campaign.name();
    }

    List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        tables.add(campaignTable());
        tables.add(deliveryTable());
        if (complaints != null) {
            tables.add(bouncesTable());
        }
        tables.add(listHealthTable(listHealth));
        tables.add(listHealthMonthTable());
        tables.add(reactionsTable());
        tables.add(responsesTable());
        tables.add(noiseTable());
        if (revenue != null) {
            tables.add(revenueTable());
        }
        tables.add(ordersTable());
        tables.add(linksTable());
        for (Map.Entry<String, List<LinkSegmentKpis>> e : linksBySegment.entrySet()) {
            tables.add(segmentTable(e.getKey(), e.getValue()));
        }
        tables.add(variantsTable());
        tables.add(timelineTable("timeline_hour", "Timeline: hours since the send (first " + HOURS_SHOWN + " h)",
                "hour_no", "hour", p -> Cell.of(p.hourNo() < 0 ? "before send" : "+" + p.hourNo() + " h",
                        Integer.toString(p.hourNo())), timeline.get("hoursSinceSend")));
        tables.add(timelineTable("timeline_day", "Timeline: per day (UTC)", "period_start", "day",
                p -> Cell.label(p.periodStart().toString()), timeline.get("day")));
        tables.add(timelineTable("timeline_week", "Timeline: per week (Monday, UTC)", "period_start", "week of",
                p -> Cell.label(p.periodStart().toString()), timeline.get("week")));
        tables.add(recipientsTable());
        tables.add(responseListTable());
        return tables;
    }

    private Table campaignTable() {
        CampaignKpis c = campaign;
        return Table.builder("campaign", "Campaign").text("field", "field").text("value", "value")
                .row(Cell.label("campaign id"), Cell.data(c.campaignId()))
                .row(Cell.label("name"), Cell.data(c.name()))
                .row(Cell.label("utm_campaign"), Cell.data(c.utmCampaign()))
                .row(Cell.label("status"), Cell.label(c.status().code()))
                .row(Cell.label("sent at (UTC)"), Cell.time(c.sentAt()))
                .row(Cell.label("attribution window"), Cell.of(c.attributionDays() == 0 ? "off"
                        : c.attributionDays() + " days after a clean click", Integer.toString(c.attributionDays())))
                .build();
    }

    /** Complaint rate and bounce reasons from the bounce views (schema 4.1, docs/bounces.md). */
    private Table bouncesTable() {
        Table.Builder t = Table.builder("bounces", "Bounces and complaints").text("metric", "metric")
                .num("value", "value")
                .row(Cell.label("complaints"), Cell.count(complaints.complaints()))
                .row(Cell.label("complaint rate"), Cell.percent(complaints.complaintRate()))
                .row(Cell.label("blocked (about the sender)"), Cell.count(complaints.blocked()))
                .row(Cell.label("auto-replies (not bounces)"), Cell.count(complaints.autoReplies()));
        for (BounceKpiDao.BounceReason r : bounceReasons) {
            if (r.kind().equals("hard") || r.kind().equals("soft")) {
                t.row(Cell.label(r.kind() + ": " + r.reason()), Cell.count(r.recipients()));
            }
        }
        return t.build();
    }

    /**
     * List health (schema 17.0, docs/bounces.md), one column per list: growth so far, churn and the share inactive.
     * The campaign report shows its own list and all addresses; {@code report campaigns} every list.
     */
    static Table listHealthTable(List<BounceKpiDao.ListHealth> lists) {
        Table.Builder t = Table.builder("list_health", "List health (churn = unsubscribes + hard bounces + complaints;"
                + " inactive = no clean open or click)").text("metric", "metric");
        for (BounceKpiDao.ListHealth h : lists) {
            t.num(h.overall() ? "all_addresses" : h.listId(), h.overall() ? "all addresses" : "list " + h.listId());
        }
        listRow(t, lists, "list name", h -> h.overall() ? Cell.of(Formats.NONE, "") : Cell.data(h.listName()));
        listRow(t, lists, "addresses mailed (growth so far)", h -> Cell.count(h.addresses()));
        listRow(t, lists, "unsubscribes", h -> Cell.count(h.unsubscribes()));
        listRow(t, lists, "hard bounces", h -> Cell.count(h.hardBounces()));
        listRow(t, lists, "complaints", h -> Cell.count(h.complaints()));
        listRow(t, lists, "churn", h -> Cell.count(h.churn()));
        listRow(t, lists, "churn rate (churn / addresses)", h -> Cell.percent(h.churnRate()));
        listRow(t, lists, "still mailable", h -> Cell.count(h.mailable()));
        listRow(t, lists, "mailed 90+ days", h -> Cell.count(h.eligible90()));
        listRow(t, lists, "  inactive 90 days", h -> Cell.count(h.inactive90()));
        listRow(t, lists, "  share inactive 90 days", h -> Cell.percent(h.share90()));
        listRow(t, lists, "mailed 180+ days", h -> Cell.count(h.eligible180()));
        listRow(t, lists, "  inactive 180 days", h -> Cell.count(h.inactive180()));
        listRow(t, lists, "  share inactive 180 days", h -> Cell.percent(h.share180()));
        lists.stream().map(BounceKpiDao.ListHealth::asOf).filter(Objects::nonNull).findFirst()
                .ifPresentOrElse(asOf -> t.note("Inactive as of the latest send, " + Formats.time(asOf)
                        + " UTC; of the still mailable addresses a list first mailed at least 90 / 180 days before."),
                        () -> t.note("Nothing sent yet."));
        return t.build();
    }

    private static void listRow(Table.Builder t, List<BounceKpiDao.ListHealth> lists, String metric,
                                Function<BounceKpiDao.ListHealth, Cell> cell) {
        List<Cell> cells = new ArrayList<>();
        cells.add(Cell.label(metric));
        lists.forEach(h -> cells.add(cell.apply(h)));
        t.row(cells.toArray(Cell[]::new));
    }

    /** Growth and churn per month of the campaign's list (of all addresses when it has none). */
    private Table listHealthMonthTable() {
        String whose = listHealth.stream().filter(h -> !h.overall()).map(h -> "list " + h.listId()).findFirst()
                .orElse("all addresses");
        Table.Builder t = Table.builder("list_health_month", "List health per month (UTC): " + whose)
                .text("month_start", "month").num("new_addresses", "new addresses")
                .num("unsubscribes", "unsubscribes").num("hard_bounces", "hard bounces")
                .num("complaints", "complaints").num("churn", "churn");
        for (BounceKpiDao.ListHealthMonth m : listHealthByMonth) {
            t.row(Cell.label(m.monthStart().toString()), Cell.count(m.newAddresses()), Cell.count(m.unsubscribes()),
                    Cell.count(m.hardBounces()), Cell.count(m.complaints()), Cell.count(m.churn()));
        }
        if (listHealthByMonth.isEmpty()) {
            t.note("Nothing sent yet.");
        }
        return t.build();
    }

    private Table deliveryTable() {
        Kpis k = campaign.kpis();
        return Table.builder("delivery", "Delivery").text("metric", "metric").num("value", "value")
                .row(Cell.label("recipients"), Cell.count(k.recipients()))
                .row(Cell.label("sent"), Cell.count(k.sent()))
                .row(Cell.label("failed (never sent)"), Cell.count(k.failed()))
                .row(Cell.label("bounced"), Cell.count(k.bounced()))
                .row(Cell.label("  hard bounces"), Cell.count(k.bouncedHard()))
                .row(Cell.label("  soft bounces"), Cell.count(k.bouncedSoft()))
                .row(Cell.label("delivered"), Cell.count(k.delivered()))
                .row(Cell.label("delivery rate"), Cell.percent(k.deliveryRate()))
                .row(Cell.label("bounce rate"), Cell.percent(k.bounceRate()))
                .row(Cell.label("unsubscribes"), Cell.count(k.unsubscribes()))
                .row(Cell.label("unsubscribe rate"), Cell.percent(k.unsubscribeRate()))
                .build();
    }

    /** Why the clean figures are lower: what each flag removed, opens and clicks, raw vs clean. */
    private Table noiseTable() {
        FlagNoise o = noise.get(0);
        FlagNoise c = noise.get(1);
        return Table.builder("noise", "Noise: events each flag removed (an event with two flags counts under both)")
                .text("flag", "flag").num("opens", "opens").num("clicks", "clicks")
                .row(Cell.label("raw"), Cell.count(o.raw()), Cell.count(c.raw()))
                .row(Cell.label("bots (user agent)"), Cell.count(o.bots()), Cell.count(c.bots()))
                .row(Cell.label("security scanners"), Cell.count(o.scanners()), Cell.count(c.scanners()))
                .row(Cell.label("pre-fetch (HEAD, mail proxy)"), Cell.count(o.prefetch()), Cell.count(c.prefetch()))
                .row(Cell.label("Apple MPP"), Cell.count(o.mpp()), Cell.count(c.mpp()))
                .row(Cell.label("too fast after the send"), Cell.count(o.tooFast()), Cell.count(c.tooFast()))
                .row(Cell.label("open beside a click burst"), Cell.count(o.burstOpens()), Cell.count(c.burstOpens()))
                .row(Cell.label("removed in all (raw - clean)"), Cell.count(o.raw() - o.clean()),
                        Cell.count(c.raw() - c.clean()))
                .row(Cell.label("clean"), Cell.count(o.clean()), Cell.count(c.clean()))
                .build();
    }

    private Table reactionsTable() {
        Kpis k = campaign.kpis();
        return Table.builder("reactions", "Opens and clicks: raw (every event) vs clean (no bot, scanner, pre-fetch,"
                        + " MPP or too-fast flag)")
                .text("metric", "metric").num("raw", "raw").num("clean", "clean")
                .row(Cell.label("opens"), Cell.count(k.opensRaw()), Cell.count(k.opensClean()))
                .row(Cell.label("unique opens"), Cell.count(k.uniqueOpensRaw()), Cell.count(k.uniqueOpensClean()))
                .row(Cell.label("open rate"), Cell.percent(k.openRateRaw()), Cell.percent(k.openRateClean()))
                .row(Cell.label("clicks"), Cell.count(k.clicksRaw()), Cell.count(k.clicksClean()))
                .row(Cell.label("unique clicks"), Cell.count(k.uniqueClicksRaw()), Cell.count(k.uniqueClicksClean()))
                .row(Cell.label("CTR (unique clicks / delivered)"), Cell.percent(k.ctrRaw()), Cell.percent(k.ctrClean()))
                .row(Cell.label("CTR total (clicks / delivered)"), Cell.percent(k.ctrTotalRaw()),
                        Cell.percent(k.ctrTotalClean()))
                .row(Cell.label("CTOR (unique clicks / unique opens)"), Cell.percent(k.ctorRaw()),
                        Cell.percent(k.ctorClean()))
                .build();
    }

    /** Responses tracked elsewhere (imported): counted apart, in no open or click figure and no rate. */
    private Table responsesTable() {
        CampaignResponses r = responses;
        return Table.builder("responses", "Responses tracked elsewhere (imported; not opens or clicks)")
                .text("metric", "metric").num("value", "value")
                .row(Cell.label("responses"), Cell.count(r.responses()))
                .row(Cell.label("responding recipients"), Cell.count(r.respondingRecipients()))
                .row(Cell.label("  replies"), Cell.count(r.replies()))
                .row(Cell.label("  calls"), Cell.count(r.calls()))
                .row(Cell.label("  visits"), Cell.count(r.visits()))
                .row(Cell.label("  other"), Cell.count(r.others()))
                .row(Cell.label("last response (UTC)"), Cell.time(r.lastResponseAt()))
                .build();
    }

    private Table revenueTable() {
        RevenueKpis r = revenue;
        String cur = r.currency();
        Table.Builder t = Table.builder("revenue", "Revenue (post-click, last clean click within "
                        + r.attributionDays() + " days)").text("metric", "metric").num("value", "value")
                .row(Cell.label("orders"), Cell.count(r.orders()))
                .row(Cell.label("  same-session (same UTC day as the click)"), Cell.count(r.ordersSameSession()))
                .row(Cell.label("  lagged"), Cell.count(r.ordersLagged()))
                .row(Cell.label("buyers"), Cell.count(r.buyers()))
                .row(Cell.label("revenue gross (before discount)"), Cell.money(r.revenueGross(), cur))
                .row(Cell.label("returned (net)"), Cell.money(r.returnedNetAmount(), cur))
                .row(Cell.label("revenue net (after discount and returns)"), Cell.money(r.revenueNet(), cur))
                .row(Cell.label("  net same-session"), Cell.money(r.revenueNetSameSession(), cur))
                .row(Cell.label("  net lagged"), Cell.money(r.revenueNetLagged(), cur))
                .row(Cell.label("CVR (orders / unique clean clicks)"), Cell.percent(r.cvr()))
                .row(Cell.label("AOV (net revenue / order)"), Cell.money(r.aov(), cur))
                .row(Cell.label("RPE (net revenue / sent)"), Cell.money(r.rpe(), cur))
                .row(Cell.label("RPR (net revenue / delivered)"), Cell.money(r.rpr(), cur))
                .row(Cell.label("EPPC (net revenue per 1000 clean clicks)"), Cell.money(r.eppc(), cur));
        if (r.currencyCount() > 1) {
            t.note("Warning: orders in " + r.currencyCount() + " currencies were added up.");
        }
        return t.build();
    }

    private Table ordersTable() {
        Table.Builder t = Table.builder("orders", "Attributed orders, largest first").text("order_id", "order")
                .text("contact_id", "contact").text("ordered_at", "ordered at").text("link_id", "link")
                .text("clicked_at", "clicked at").num("revenue_gross", "gross").num("returned_net_amount", "returned")
                .num("revenue_net", "net").text("same_session", "same session");
        for (AttributedOrder o : attributedOrders) {
            t.row(Cell.data(o.orderId()), Cell.data(o.contactId()), Cell.time(o.orderedAt()), Cell.data(o.linkId()),
                    Cell.time(o.clickedAt()), Cell.money(o.revenueGross(), o.currency()),
                    Cell.money(o.returnedNetAmount(), o.currency()), Cell.money(o.revenueNet(), o.currency()),
                    Cell.of(Formats.yesNo(o.sameSession()), Boolean.toString(o.sameSession())));
        }
        long total = revenue == null ? attributedOrders.size() : revenue.orders();
        if (attributedOrders.isEmpty()) {
            t.note("No order attributed.");
        } else if (attributedOrders.size() < total) {
            t.note("Showing the " + attributedOrders.size() + " largest (net) of " + Formats.count(total)
                    + " attributed orders (--orders 0 shows all).");
        }
        return t.build();
    }

    private Table linksTable() {
        Table.Builder t = Table.builder("links", "Links: which part of the e-mail was clicked")
                .num("position_no", "#").text("link_id", "link").text("description", "description")
                .num("clicks_raw", "clicks raw").num("clicks_clean", "clicks clean")
                .num("unique_clicks_raw", "unique raw").num("unique_clicks_clean", "unique clean")
                .num("share_clean_clicks", "share of clean clicks");
        for (LinkKpis l : links) {
            t.row(l.position() == null ? Cell.of(Formats.NONE, "") : Cell.label(l.position().toString()),
                    Cell.data(l.linkId()), Cell.data(l.description()), Cell.count(l.clicksRaw()),
                    Cell.count(l.clicksClean()), Cell.count(l.uniqueClicksRaw()), Cell.count(l.uniqueClicksClean()),
                    Cell.percent(l.shareCleanClicks()));
        }
        return t.build();
    }

    private static Table segmentTable(String kind, List<LinkSegmentKpis> rows) {
        Table.Builder t = Table.builder("links_by_" + kind, "Links by " + kind.replace('_', ' '))
                .text("link_id", "link").text("segment_value", kind.replace('_', ' '))
                .num("clicks_raw", "clicks raw").num("clicks_clean", "clicks clean")
                .num("unique_clicks_raw", "unique raw").num("unique_clicks_clean", "unique clean");
        for (LinkSegmentKpis s : rows) {
            t.row(Cell.data(s.linkId()), s.segmentValue() == null ? Cell.of("(unknown)", "") : Cell.data(s.segmentValue()),
                    Cell.count(s.clicksRaw()), Cell.count(s.clicksClean()), Cell.count(s.uniqueClicksRaw()),
                    Cell.count(s.uniqueClicksClean()));
        }
        return t.build();
    }

    private Table variantsTable() {
        Table.Builder t = Table.builder("variants", "A/B variants side by side").text("metric", "metric");
        for (VariantKpis v : variants) {
            t.num(v.variant() == null ? "no_variant" : v.variant(), v.variant() == null ? "(no variant)"
                    : "variant " + v.variant());
        }
        String cur = currency();
        variantRow(t, "recipients", v -> Cell.count(v.kpis().recipients()));
        variantRow(t, "sent", v -> Cell.count(v.kpis().sent()));
        variantRow(t, "delivered", v -> Cell.count(v.kpis().delivered()));
        variantRow(t, "delivery rate", v -> Cell.percent(v.kpis().deliveryRate()));
        variantRow(t, "unique opens (clean)", v -> Cell.count(v.kpis().uniqueOpensClean()));
        variantRow(t, "open rate (clean)", v -> Cell.percent(v.kpis().openRateClean()));
        variantRow(t, "unique clicks (raw)", v -> Cell.count(v.kpis().uniqueClicksRaw()));
        variantRow(t, "unique clicks (clean)", v -> Cell.count(v.kpis().uniqueClicksClean()));
        variantRow(t, "CTR (clean)", v -> Cell.percent(v.kpis().ctrClean()));
        variantRow(t, "CTOR (clean)", v -> Cell.percent(v.kpis().ctorClean()));
        variantRow(t, "unsubscribes", v -> Cell.count(v.kpis().unsubscribes()));
        variantRow(t, "unsubscribe rate", v -> Cell.percent(v.kpis().unsubscribeRate()));
        variantRow(t, "orders", v -> Cell.count(v.orders()));
        variantRow(t, "revenue net", v -> Cell.money(v.revenueNet(), cur));
        variantRow(t, "CVR", v -> Cell.percent(v.cvr()));
        variantRow(t, "RPE", v -> Cell.money(v.rpe(), cur));
        t.note("Judge an A/B test on CTR (clean) or CVR, not on open rate (seed 003).");
        return t.build();
    }

    private void variantRow(Table.Builder t, String metric, Function<VariantKpis, Cell> cell) {
        List<Cell> cells = new ArrayList<>();
        cells.add(Cell.label(metric));
        variants.forEach(v -> cells.add(cell.apply(v)));
        t.row(cells.toArray(Cell[]::new));
    }

    private static Table timelineTable(String key, String title, String bucketKey, String bucketHeader,
                                       Function<TimelinePoint, Cell> bucket, List<TimelinePoint> points) {
        Table.Builder t = Table.builder(key, title).text(bucketKey, bucketHeader)
                .num("opens_raw", "opens raw").num("opens_clean", "opens clean")
                .num("clicks_raw", "clicks raw").num("clicks_clean", "clicks clean");
        for (TimelinePoint p : points) {
            t.row(bucket.apply(p), Cell.count(p.opensRaw()), Cell.count(p.opensClean()), Cell.count(p.clicksRaw()),
                    Cell.count(p.clicksClean()));
        }
        if (points.isEmpty()) {
            t.note("No opens or clicks yet.");
        }
        return t.build();
    }

    private Table recipientsTable() {
        Table.Builder t = Table.builder("recipients", "Reacting recipients (the proof: who opened, clicked what, when)")
                .text("recipient_id", "recipient").text("email", "e-mail").text("variant", "var")
                .text("send_status", "send").num("opens_raw", "opens raw").num("opens_clean", "opens clean")
                .text("first_open_clean", "first clean open").num("clicks_raw", "clicks raw")
                .num("clicks_clean", "clicks clean").text("first_click_clean", "first clean click")
                .text("last_click_clean", "last clean click").text("links_clicked", "links clicked (clean/raw)")
                .text("unsubscribed_at", "unsubscribed").num("responses", "responses").num("orders", "orders")
                .num("revenue_net", "revenue net");
        String cur = currency();
        for (RecipientRow row : recipients) {
            RecipientReaction r = row.reaction();
            String linksText = row.clicks().stream()
                    .map(c -> c.linkId() + " " + c.clicksClean() + "/" + c.clicksRaw())
                    .collect(Collectors.joining(", "));
            t.row(Cell.data(r.recipientId()), Cell.data(r.email()), Cell.data(r.variant()),
                    Cell.label(r.sendStatus() == null ? Formats.NONE : r.sendStatus().code()
                            + (r.bounceKind() == null ? "" : " (" + r.bounceKind().code() + ")")),
                    Cell.count(r.opensRaw()), Cell.count(r.opensClean()), Cell.time(r.firstOpenClean()),
                    Cell.count(r.clicksRaw()), Cell.count(r.clicksClean()), Cell.time(r.firstClickClean()),
                    Cell.time(r.lastClickClean()), Cell.data(linksText.isEmpty() ? null : linksText),
                    r.unsubscribed() ? Cell.time(r.unsubscribedAt()) : Cell.of("no", ""),
                    Cell.count(row.responses() == null ? 0 : row.responses().responses()), Cell.count(r.orders()),
                    Cell.money(r.revenueNet(), cur));
        }
        t.note(recipients.size() < reactingRecipients
                ? "Showing " + recipients.size() + " of " + Formats.count(reactingRecipients)
                + " reacting recipients (--recipients 0 shows all)."
                : Formats.count(reactingRecipients) + " reacting recipients.");
        return t.build();
    }

    /** The responses themselves, newest first: who answered how and when, with the note while it is kept. */
    private Table responseListTable() {
        Table.Builder t = Table.builder("response_list", "Responses (the proof: who answered how, when)")
                .text("recipient_id", "recipient").text("kind", "kind").text("responded_at", "when")
                .text("note", "note");
        for (StoredResponse r : latestResponses) {
            t.row(Cell.data(r.recipientId()), Cell.label(r.kind().code()), Cell.time(r.respondedAt()),
                    Cell.data(r.note()));
        }
        t.note(latestResponses.isEmpty() ? "No response imported ('proklik responses import FILE')."
                : latestResponses.size() < responses.responses()
                ? "Showing the " + latestResponses.size() + " newest of " + Formats.count(responses.responses())
                + " responses (--recipients 0 shows all)."
                : Formats.count(responses.responses()) + " responses.");
        return t.build();
    }

    /** {@code report campaigns}: the headline KPIs of every campaign, one row each. */
    static Table overview(List<CampaignKpis> campaigns, List<RevenueKpis> revenues,
                          List<CampaignResponses> responses, Map<String, RefreshState> refreshes) {
        Map<String, RevenueKpis> byId = revenues.stream()
                .collect(Collectors.toMap(RevenueKpis::campaignId, Function.identity()));
        Map<String, CampaignResponses> answered = responses.stream()
                .collect(Collectors.toMap(CampaignResponses::campaignId, Function.identity()));
        Table.Builder t = Table.builder("campaigns", "Campaigns").text("campaign_id", "campaign")
                .text("name", "name").num("sent", "sent").num("delivered", "delivered")
                .num("delivery_rate", "delivery").num("unique_opens_clean", "opens*")
                .num("open_rate_clean", "open rate*").num("unique_clicks_clean", "clicks*")
                .num("ctr_clean", "CTR*").num("ctor_clean", "CTOR*").num("unsubscribe_rate", "unsub")
                .num("responses", "responses").num("orders", "orders").num("revenue_net", "net revenue")
                .num("rpe", "RPE").text("refreshed_at", "last refresh");
        for (CampaignKpis c : campaigns) {
            Kpis k = c.kpis();
            RevenueKpis r = byId.get(c.campaignId());
            BigDecimal net = r == null ? null : r.revenueNet();
            String cur = r == null ? null : r.currency();
            t.row(Cell.data(c.campaignId()), Cell.data(c.name()), Cell.count(k.sent()), Cell.count(k.delivered()),
                    Cell.percent(k.deliveryRate()), Cell.count(k.uniqueOpensClean()), Cell.percent(k.openRateClean()),
                    Cell.count(k.uniqueClicksClean()), Cell.percent(k.ctrClean()), Cell.percent(k.ctorClean()),
                    Cell.percent(k.unsubscribeRate()),
                    Cell.count(answered.getOrDefault(c.campaignId(), CampaignResponses.none(c.campaignId())).responses()),
                    Cell.count(r == null ? 0 : r.orders()), Cell.money(net, cur),
                    Cell.money(r == null ? null : r.rpe(), cur),
                    Cell.time(refreshes.containsKey(c.campaignId()) ? refreshes.get(c.campaignId()).refreshedAt()
                            : null));
        }
        t.note(campaigns.isEmpty() ? "No campaign registered yet ('proklik campaigns add' or 'proklik demo')."
                : "* clean: unique recipients, bots, scanners, pre-fetch and Apple MPP opens left out (docs/flags.md).");
        return t.build();
    }
}
