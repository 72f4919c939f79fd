package cz.proklik.bounces.match;

import cz.proklik.erp.bounce.SendRef;

import java.util.Objects;

/** A failed recipient's send and how it was found. */
public record Match(SendRef send, MatchedBy by) {
    public Match {
        Objects.requireNonNull(send, "send");
        Objects.requireNonNull(by, "by");
    }
}
