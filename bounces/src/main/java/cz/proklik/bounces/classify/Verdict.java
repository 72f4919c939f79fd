package cz.proklik.bounces.classify;

import java.util.Objects;

/** The classification of one recipient: the reason (which fixes the kind) and the rule that decided it. */
public record Verdict(Reason reason, String decidedBy) {
    public Verdict {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(decidedBy, "decidedBy");
    }

    public Kind kind() {
        return reason.kind();
    }
}
