package cz.proklik.bounces.analyze;

import cz.proklik.bounces.classify.Classifier;
import cz.proklik.bounces.classify.Reason;
import cz.proklik.bounces.classify.Verdict;
import cz.proklik.bounces.match.Match;
import cz.proklik.bounces.match.SendMatcher;
import cz.proklik.bounces.parse.FailedRecipient;
import cz.proklik.bounces.parse.ParsedMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parsed message -> one outcome per recipient: classified (bounces) and matched to its send. */
public final class BounceAnalyzer {
    private final Classifier classifier;
    private final SendMatcher matcher;

    public BounceAnalyzer(Classifier classifier, SendMatcher matcher) {
        this.classifier = classifier;
        this.matcher = matcher;
    }

    /** @param at when the message arrived (its Date, else now): the address match takes the latest send before it */
    public List<RecipientOutcome> outcomes(ParsedMessage message, Instant at) {
        List<RecipientOutcome> out = new ArrayList<>();
        if (message instanceof ParsedMessage.Bounce b) {
            List<Match> named = matcher.named(b.info(), b.original());
            for (FailedRecipient r : b.recipients()) {
                Verdict v = classifier.classify(r.status(), r.replyCode(), r.diagnostic());
                out.add(new RecipientOutcome(r.address(), r.status(), v.reason(), v.decidedBy(), r.diagnostic(),
                        matcher.match(named, b.recipients().size(), r.address(), at)));
            }
        } else if (message instanceof ParsedMessage.Complaint c) {
            List<Match> named = matcher.named(c.info(), c.original());
            if (c.recipients().isEmpty() && !named.isEmpty()) {
                // A redacted report (the address blanked out): the signed link or Message-ID still names the send.
                Match m = named.get(0);
                out.add(complaint(m.send().email(), c.feedbackType(), Optional.of(m)));
            }
            for (String r : c.recipients()) {
                out.add(complaint(r, c.feedbackType(), matcher.match(named, c.recipients().size(), r, at)));
            }
        } else if (message instanceof ParsedMessage.AutoReply a) {
            out.add(new RecipientOutcome(a.address(), null, Reason.AUTO_REPLY, "rfc3834", null,
                    matcher.match(matcher.named(a.info(), a.original()), 1, a.address(), at)));
        }
        // Notice and NotBounce: no recipient to judge.
        return out;
    }

    private static RecipientOutcome complaint(String address, String type, Optional<Match> match) {
        return new RecipientOutcome(address, null, Reason.COMPLAINT, "arf:" + type, null, match);
    }
}
