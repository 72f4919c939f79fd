package cz.proklik.bounces.match;

import cz.proklik.bounces.parse.MessageInfo;
import cz.proklik.bounces.parse.OriginalMessage;
import cz.proklik.erp.bounce.BounceMatchDao;
import cz.proklik.erp.bounce.SendRef;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.LinkKind;
import cz.proklik.tracking.link.LinkVerification;
import cz.proklik.tracking.verp.VerpAddress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ties a failed recipient to its send, in the order of docs/bounce-matching.md: the signed Return-Path the report
 * was delivered to, the original's Message-ID, a signed tracking link in the returned copy, then the address. The
 * first three name one send: it is taken when its address is the failed one, or when the report names only one
 * recipient (a forwarded address fails under its new name).
 */
public final class SendMatcher {
    private static final Pattern TOKEN =
            Pattern.compile("/([cou])/(1\\.[A-Za-z0-9_-]{1,32}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22})");

    private final BounceMatchDao dao;
    private final VerpAddress verp;
    private final LinkCodec links;

    public SendMatcher(BounceMatchDao dao, VerpAddress verp, LinkCodec links) {
        this.dao = dao;
        this.verp = verp;
        this.links = links;
    }

    /** The sends the message itself names (same for every recipient of it), strongest first. */
    public List<Match> named(MessageInfo info, OriginalMessage original) {
        List<Match> out = new ArrayList<>();
        for (String to : info.deliveredTo()) {
            verp.decode(to).flatMap(d -> d.kind() == VerpAddress.Kind.SEND ? dao.bySendId(d.id())
                    : dao.byDeliveryId(d.id())).ifPresent(s -> out.add(new Match(s, MatchedBy.VERP)));
        }
        if (original.messageId() != null) {
            dao.byMessageId(original.messageId()).ifPresent(s -> out.add(new Match(s, MatchedBy.MESSAGE_ID)));
        }
        Matcher m = TOKEN.matcher(original.text().replaceAll("=\\r?\\n", ""));
        int tried = 0;
        while (m.find() && tried++ < 20) {
            Optional<LinkKind> kind = LinkKind.fromPathSegment(m.group(1));
            if (kind.isPresent() && links.verify(kind.get(), m.group(2)) instanceof LinkVerification.Valid v) {
                dao.byCampaignRecipient(v.link().campaign(), v.link().recipient())
                        .ifPresent(s -> out.add(new Match(s, MatchedBy.LINK)));
                break;
            }
        }
        return out;
    }

    /**
     * @param named      what {@link #named} found for the message
     * @param recipients how many recipients the report names
     */
    public Optional<Match> match(List<Match> named, int recipients, String address, Instant at) {
        for (Match n : named) {
            if (n.send().email().equalsIgnoreCase(address)) {
                return Optional.of(n);
            }
        }
        if (recipients == 1 && !named.isEmpty()) {
            return Optional.of(named.get(0));
        }
        Optional<SendRef> byAddress = dao.latestByAddress(address, at);
        return byAddress.map(s -> new Match(s, MatchedBy.ADDRESS));
    }
}
