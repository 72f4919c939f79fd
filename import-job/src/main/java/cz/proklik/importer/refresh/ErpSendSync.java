package cz.proklik.importer.refresh;

import cz.proklik.erp.campaign.CampaignRefreshDao;
import cz.proklik.erp.campaign.CampaignRefreshDao.RefreshState;
import cz.proklik.erp.send.ErpSendDao;
import cz.proklik.erp.send.ErpSendDao.ErpSend;
import cz.proklik.erp.send.Send;
import cz.proklik.erp.send.SendDao;
import cz.proklik.erp.send.SendFields;
import cz.proklik.erp.send.SendStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A campaign's sends from the ERP's own mailing module: the rows of {@code pkl_erp_send} changed since the last
 * refresh, into {@code pkl_send} through {@link SendDao#upsert} (the sends CSV import's upsert), a page at a time.
 * Each page and the point read up to commit together, so a refresh cut short goes on from its last page.
 *
 * <p>Incremental by {@code changed_at}: a refresh reads the rows changed after the last one it took. A row the ERP
 * changed before that point but committed after the last refresh read the view would be missed, so when the point is
 * within {@link #OVERLAP} of the last refresh's time, the read starts {@link #OVERLAP} before that time instead
 * (re-reading a row is harmless: the upsert writes the same); a transaction of the ERP's open longer than that, or
 * its clock more than that behind ours ({@code db check}'s clock line), could still hide a row until it changes again. A {@code queued} row (not sent yet) is skipped; a row whose values
 * are not valid is refused, counted and logged at debug (it holds personal data), and the rest go in. Merging with
 * what Proklik knows: a bounce recorded for the send (bounce mailbox, sends CSV) is kept when the ERP still says
 * {@code sent}, and the A/B variant (the view has none) is kept.
 */
public final class ErpSendSync {
    private static final Logger LOG = LoggerFactory.getLogger(ErpSendSync.class);

    /** How far before the last point a refresh reads again (rows committed late). */
    public static final Duration OVERLAP = Duration.ofMinutes(5);
    static final int PAGE = 1000;
    private static final String QUEUED = "queued";

    private final ErpSendDao view;
    private final SendDao sends;
    private final CampaignRefreshDao refreshes;

    public ErpSendSync(ErpSendDao view, SendDao sends, CampaignRefreshDao refreshes) {
        this.view = view;
        this.sends = sends;
        this.refreshes = refreshes;
    }

    /** What one campaign's read did: rows read from the view, sends written, queued rows skipped, rows refused. */
    public record Result(String campaignId, int read, int written, int queued, int refused, Instant changedUpto) {
    }

    /** Reads the campaign's changed rows and records the refresh ({@code reason}, at {@code now}). */
    public Result sync(String campaignId, CampaignRefreshDao.Reason reason, Instant now) {
        RefreshState before = refreshes.find(campaignId).orElse(null);
        Instant upto = before == null ? null : before.sendsChangedUpto();
        Instant from = upto == null ? Instant.EPOCH : earlier(upto, before.refreshedAt().minus(OVERLAP));
        String fromRecipient = null; // null: the first page, strictly after the point
        int read = 0;
        int written = 0;
        int queued = 0;
        int refused = 0;
        while (true) {
            List<ErpSend> page = fromRecipient == null ? view.changedAfter(campaignId, from, PAGE)
                    : view.changedAfter(campaignId, from, fromRecipient, PAGE);
            List<Send> batch = new ArrayList<>();
            for (ErpSend row : page) {
                read++;
                if (QUEUED.equalsIgnoreCase(row.status())) {
                    queued++;
                    continue;
                }
                try {
                    batch.add(toSend(row));
                } catch (IllegalArgumentException e) {
                    refused++;
                    LOG.debug("pkl_erp_send row of campaign {} refused: {}", campaignId, e.getMessage());
                }
            }
            Instant pageUpto = page.isEmpty() ? upto : max(upto, page.get(page.size() - 1).changedAt());
            RefreshState state = new RefreshState(campaignId, now, reason.code(), pageUpto, read, refused);
            written += sends.inOneTransaction(() -> {
                int n = sends.upsert(merge(campaignId, batch));
                refreshes.save(state);
                return n;
            });
            upto = pageUpto;
            if (page.size() < PAGE) {
                break;
            }
            ErpSend last = page.get(page.size() - 1);
            from = last.changedAt();
            fromRecipient = last.recipientId();
        }
        if (refused > 0) {
            LOG.warn("pkl_erp_send: {} row(s) of campaign {} refused (not valid); the log at debug says why", refused,
                    campaignId);
        }
        return new Result(campaignId, read, written, queued, refused, upto);
    }

    private static Instant earlier(Instant a, Instant b) {
        return b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static Send toSend(ErpSend row) {
        Map<String, String> text = new HashMap<>();
        text.put("campaign_id", row.campaignId());
        text.put("recipient_id", row.recipientId());
        text.put("email", row.email() == null ? null : row.email().strip());
        text.put("status", row.status() == null ? null : row.status().strip().toLowerCase(Locale.ROOT));
        text.put("error_text", row.errorText() == null || row.errorText().isBlank() ? null : row.errorText());
        Map<String, Instant> times = new HashMap<>();
        times.put("sent_at", row.sentAt());
        return SendFields.parse(text::get, times::get);
    }

    /** Keeps what Proklik learnt after the ERP's hand-over: a bounce, and the A/B variant. */
    private List<Send> merge(String campaignId, List<Send> fromErp) {
        if (fromErp.isEmpty()) {
            return fromErp;
        }
        Map<String, Send> known = sends.byRecipients(campaignId, fromErp.stream().map(Send::recipientId).toList());
        List<Send> merged = new ArrayList<>(fromErp.size());
        for (Send s : fromErp) {
            Send old = known.get(s.recipientId());
            if (old == null) {
                merged.add(s);
            } else if (old.status() == SendStatus.BOUNCED && s.status() == SendStatus.SENT) {
                merged.add(new Send(s.campaignId(), s.recipientId(), s.email(), old.variant(), s.sentAt(),
                        SendStatus.BOUNCED, old.errorText(), old.bounceKind(), old.bouncedAt()));
            } else {
                merged.add(new Send(s.campaignId(), s.recipientId(), s.email(), old.variant(), s.sentAt(), s.status(),
                        s.errorText(), s.bounceKind(), s.bouncedAt()));
            }
        }
        return merged;
    }
}
