package cz.proklik.bounces.parse;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The returned message's own identity: its Message-ID (or null), its Date (or null), and the addresses it was
 * delivered to (To, Delivered-To, X-Original-To, Envelope-To), one of which is the Return-Path the mailer set.
 */
public record MessageInfo(String messageId, Instant date, String from, String subject, List<String> deliveredTo) {
    public MessageInfo {
        deliveredTo = List.copyOf(deliveredTo);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(subject, "subject");
    }
}
