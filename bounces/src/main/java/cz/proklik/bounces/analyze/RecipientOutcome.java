package cz.proklik.bounces.analyze;

import cz.proklik.bounces.classify.Kind;
import cz.proklik.bounces.classify.Reason;
import cz.proklik.bounces.match.Match;

import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one recipient of a returned message: the address as reported, the status code, the reason (which
 * fixes the kind), the rule that decided it, the diagnostic text, and the send it was matched to (or none).
 */
public record RecipientOutcome(String address, String status, Reason reason, String decidedBy, String diagnostic,
                               Optional<Match> match) {
    public RecipientOutcome {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(match, "match");
    }

    public Kind kind() {
        return reason.kind();
    }

    /** The address to suppress: the one we mailed when the send is known (a forward may fail under another name). */
    public String mailedAddress() {
        return match.map(m -> m.send().email()).orElse(address);
    }
}
