package cz.proklik.erp.event;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The database rules of docs/flags.md ("Database rules") decided in memory for a block of one file's events, from
 * the block's rows and the stored clicks near them: the same decisions {@link EventFlagRulesDao}'s set-based
 * statements take (flags recompute still runs those), without evaluating a correlated subquery per event.
 * {@code EventFlagRulesDao.applyToFile} feeds it; a test holds it equal to the statements on generated data.
 *
 * <p>Exactness needs the near clicks of every campaign of the block within twice the burst window of each block
 * event: an open's burst click lies within one window of the open, and whether that click is (now) a burst needs the
 * clicks within one window of it.
 */
final class NeighbourFlags {
    /** One open or click of the file (counted: with a campaign and a recipient), with its recipient's send time. */
    record FileEvent(long id, boolean open, String campaign, String recipient, LocalDateTime time, String clientIp,
                     String burstRule, boolean tooFast, LocalDateTime sentAt) {
    }

    /** A stored click of one campaign near the block's events, of this file ({@code inFile}) or another. */
    record NearClick(long id, boolean inFile, String recipient, String link, LocalDateTime time, String clientIp,
                     String burstRule) {
    }

    /** What the rules set: ids too fast, clicks of a burst, opens beside a burst with their burst rule. */
    record Decisions(List<Long> tooFast, List<Long> clickBursts, Map<Long, String> openBursts) {
        int size() {
            return tooFast.size() + clickBursts.size() + openBursts.size();
        }
    }

    private final EventFlagRulesDao.Thresholds thresholds;

    NeighbourFlags(EventFlagRulesDao.Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** Twice the burst window: how far from a block event its near clicks must be read. */
    Duration reach() {
        return thresholds.burstWindow().multipliedBy(2);
    }

    /**
     * @param block the file's counted events of one block
     * @param near  per campaign, every stored click within {@link #reach()} of the block's events of that campaign
     */
    Decisions decide(List<FileEvent> block, Map<String, List<NearClick>> near) {
        List<Long> tooFast = new ArrayList<>();
        List<Long> bursts = new ArrayList<>();
        Map<Long, String> opens = new LinkedHashMap<>();
        Map<String, Map<String, List<NearClick>>> byRecipient = new HashMap<>();
        near.forEach((campaign, clicks) -> {
            Map<String, List<NearClick>> recipients = new HashMap<>();
            for (NearClick c : clicks) {
                recipients.computeIfAbsent(c.recipient(), r -> new ArrayList<>()).add(c);
            }
            recipients.values().forEach(l -> l.sort(Comparator.comparing(NearClick::time)));
            byRecipient.put(campaign, recipients);
        });
        Set<Long> burstIds = new HashSet<>();
        Map<Long, Boolean> burstOf = new HashMap<>();
        for (FileEvent e : block) {
            if (!e.tooFast() && e.sentAt() != null && e.time().isBefore(e.sentAt().plus(
                    e.open() ? thresholds.tooFastOpen() : thresholds.tooFastClick()))) {
                tooFast.add(e.id());
            }
        }
        for (FileEvent e : block) {
            if (!e.open() && e.burstRule() == null && linksNear(clicksOf(byRecipient, e), e.time())
                    >= thresholds.burstLinks()) {
                bursts.add(e.id());
                burstIds.add(e.id());
            }
        }
        for (FileEvent e : block) {
            if (!e.open() || e.burstRule() != null || e.clientIp() == null) {
                continue;
            }
            List<NearClick> clicks = clicksOf(byRecipient, e);
            boolean any = false;
            boolean after = false;
            for (NearClick c : within(clicks, e.time())) {
                if (e.clientIp().equals(c.clientIp()) && isBurst(c, clicks, burstIds, burstOf)) {
                    any = true;
                    after |= !c.time().isBefore(e.time());
                }
            }
            if (any) {
                opens.put(e.id(), after ? "open_before" : "open_after");
            }
        }
        return new Decisions(tooFast, bursts, opens);
    }

    /**
     * Whether a near click is a burst's once this file's clicks are judged: flagged before, or one of this file's
     * unflagged clicks that the click rule flags now (whether of this block or another).
     */
    private boolean isBurst(NearClick c, List<NearClick> clicks, Set<Long> burstIds, Map<Long, Boolean> burstOf) {
        if ("click".equals(c.burstRule()) || burstIds.contains(c.id())) {
            return true;
        }
        if (!c.inFile() || c.burstRule() != null) {
            return false;
        }
        return burstOf.computeIfAbsent(c.id(), id -> linksNear(clicks, c.time()) >= thresholds.burstLinks());
    }

    private static List<NearClick> clicksOf(Map<String, Map<String, List<NearClick>>> byRecipient, FileEvent e) {
        return byRecipient.getOrDefault(e.campaign(), Map.of()).getOrDefault(e.recipient(), List.of());
    }

    /** Distinct links among the clicks within the burst window either side of {@code time} (both ends included). */
    private int linksNear(List<NearClick> clicks, LocalDateTime time) {
        Set<String> links = new HashSet<>();
        for (NearClick c : within(clicks, time)) {
            if (c.link() != null) {
                links.add(c.link());
            }
        }
        return links.size();
    }

    /** The clicks (sorted by time) within the burst window either side of {@code time}, both ends included. */
    private List<NearClick> within(List<NearClick> clicks, LocalDateTime time) {
        LocalDateTime from = time.minus(thresholds.burstWindow());
        LocalDateTime to = time.plus(thresholds.burstWindow());
        int lo = 0;
        int hi = clicks.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (clicks.get(mid).time().isBefore(from)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int end = lo;
        while (end < clicks.size() && !clicks.get(end).time().isAfter(to)) {
            end++;
        }
        return clicks.subList(lo, end);
    }
}
