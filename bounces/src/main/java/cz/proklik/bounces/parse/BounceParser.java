package cz.proklik.bounces.parse;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one message of the bounce mailbox and says what it is: an RFC 3464 delivery report (the fields read with
 * Angus Mail's {@code dsn} module), an RFC 5965 feedback report, a plain-text failure notice of an MTA that writes
 * no report (recipients found by {@link TextReport}), an RFC 3834 auto-reply, or none of these. Never throws for
 * bad input: an unreadable message is a {@link ParsedMessage.NotBounce} with the reason.
 */
public final class BounceParser {
    private static final String[] DELIVERED_TO =
        {"Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "To"};

    private final Signals signals = Signals.STANDARD;
    private final Set<String> ownSenders;

    /** @param ownSenders our From addresses, never taken for a failed recipient when a report quotes them */
    public BounceParser(Set<String> ownSenders) {
        Set<String> lower = new HashSet<>();
        ownSenders.forEach(s -> lower.add(Addresses.normalise(s)));
        this.ownSenders = Set.copyOf(lower);
    }

    public BounceParser() {
        this(Set.of());
    }

    public ParsedMessage parse(byte[] raw) {
        MessageInfo info = new MessageInfo(null, null, "", "", List.of());
        try {
            MimeMessage m = Mime.message(withoutMboxLine(raw));
            info = info(m);
            return classify(m, info);
        } catch (MessagingException | IOException | RuntimeException e) {
            return new ParsedMessage.NotBounce(info, "unreadable message: " + e.getClass().getSimpleName());
        }
    }

    /** A message saved from an mbox file starts with its "From sender date" separator line: not a header. */
    private static byte[] withoutMboxLine(byte[] raw) {
        if (raw.length > 5 && raw[0] == 'F' && raw[1] == 'r' && raw[2] == 'o' && raw[3] == 'm' && raw[4] == ' ') {
            for (int i = 5; i < raw.length; i++) {
                if (raw[i] == '\n') {
                    return Arrays.copyOfRange(raw, i + 1, raw.length);
                }
            }
        }
        return raw;
    }

    private ParsedMessage classify(MimeMessage m, MessageInfo info) throws MessagingException, IOException {
        List<Part> leaves = Mime.leaves(m);
        MimeMessage forwarded = forwardedReport(leaves);
        if (forwarded != null) {
            // A report forwarded as an attachment (a relay, a person, a rule "forward bounces to ..."): the report is
            // the attached message, and the copy it returns is ours; read with its own headers (its Delivered-To
            // is where it reached us, e.g. the signed Return-Path). Only one level: a report is never nested deeper.
            ParsedMessage inner = classifyReport(forwarded, info(forwarded), Mime.leaves(forwarded));
            if (!(inner instanceof ParsedMessage.NotBounce)) {
                return inner;
            }
        }
        return classifyReport(m, info, leaves);
    }

    /**
     * The attached message when {@code leaves} hold no report part of their own but attach a message that is an
     * RFC 3464 or RFC 5965 report; else null.
     */
    private static MimeMessage forwardedReport(List<Part> leaves) throws MessagingException, IOException {
        MimeMessage candidate = null;
        for (Part p : leaves) {
            String type = Mime.type(p);
            if (type.equals("message/delivery-status") || type.equals("message/global-delivery-status")
                    || type.equals("message/feedback-report")) {
                return null;
            }
            if (candidate == null && (type.equals("message/rfc822") || type.equals("message/global"))) {
                MimeMessage attached = Mime.message(p.getInputStream());
                for (Part inner : Mime.leaves(attached)) {
                    String innerType = Mime.type(inner);
                    if (innerType.equals("message/delivery-status")
                            || innerType.equals("message/global-delivery-status")
                            || innerType.equals("message/feedback-report")) {
                        candidate = attached;
                        break;
                    }
                }
            }
        }
        return candidate;
    }

    private ParsedMessage classifyReport(MimeMessage m, MessageInfo info, List<Part> leaves)
            throws MessagingException, IOException {
        String readable = readable(leaves);
        OriginalMessage attached = Originals.fromParts(leaves);
        for (Part p : leaves) {
            if (Mime.type(p).equals("message/feedback-report")) {
                return ArfReport.read(info, p, attached);
            }
        }
        TextReport.Split split = TextReport.split(readable);
        String format = signals.format(headerText(m) + "\n" + split.explanation(), null);
        for (Part p : leaves) {
            String type = Mime.type(p);
            if (type.equals("message/delivery-status") || type.equals("message/global-delivery-status")) {
                DsnReport.Result r = DsnReport.read(p, split.explanation());
                if (r.failed().isEmpty() && r.otherActions().isEmpty()) {
                    break; // a report naming no readable recipient: try its text, else leave it for a person
                }
                OriginalMessage original = Originals.orInline(attached, split.original());
                if (!r.failed().isEmpty()) {
                    return new ParsedMessage.Bounce(info, format == null ? "rfc3464" : format, r.failed(), original);
                }
                return new ParsedMessage.Notice(info, format == null ? "rfc3464" : format,
                        r.otherActions().isEmpty() ? "none" : r.otherActions().get(0));
            }
        }
        boolean fromMailSystem = signals.bounceFrom.matcher(info.from()).find();
        // A multipart/report of report-type delivery-status (RFC 6522) is a delivery report by its own structure,
        // even when its status part was stripped or names nobody ("Message removed"): then the text says who failed.
        boolean dsnStructure = isDeliveryReport(m);
        boolean looksBounce = fromMailSystem || dsnStructure || signals.bounceSubject.matcher(info.subject()).find()
                || m.getHeader("X-Failed-Recipients") != null;
        if (looksBounce && (fromMailSystem || !isAutoReply(m, info))) {
            OriginalMessage original = Originals.orInline(attached, split.original());
            List<FailedRecipient> recipients = TextReport.recipients(split.explanation(), excluded(m, info));
            if (recipients.isEmpty()) {
                recipients = fallbackRecipients(m, original, split.explanation());
            }
            // A subject alone ("Delivery report: your order shipped") is weak: then the text must read like a failure
            // notice, or every recipient needs a code.
            boolean trusted = fromMailSystem || dsnStructure || m.getHeader("X-Failed-Recipients") != null
                    || signals.bouncePhrase.matcher(split.explanation()).find()
                    || recipients.stream().allMatch(r -> r.status() != null || r.replyCode() != null);
            // A delay warning in words: the server still retries, the final report (a failure, or none) follows.
            // Taking it for a soft bounce would mark a send bounced that may yet arrive and count towards the soft
            // suppression of a live address.
            String said = info.subject() + "\n" + split.explanation();
            if (!recipients.isEmpty() && signals.delayWarning.matcher(said).find()
                    && !signals.finalFailure.matcher(said).find()) {
                return new ParsedMessage.Notice(info, format == null ? "text" : format, "delayed");
            }
            if (!recipients.isEmpty() && trusted) {
                return new ParsedMessage.Bounce(info, format == null ? "text" : format, recipients, original);
            }
        }
        if (!fromMailSystem && isAutoReply(m, info)) {
            String address = Addresses.first(info.from());
            if (address != null) {
                OriginalMessage original = attached != OriginalMessage.NONE ? attached : new OriginalMessage(
                        Mime.messageId(Mime.header(m, "In-Reply-To")), List.of(), "");
                return new ParsedMessage.AutoReply(info, address, original);
            }
        }
        return new ParsedMessage.NotBounce(info, looksBounce
                ? "looks like a failure notice but names no recipient" : "not a delivery or feedback report");
    }

    /** X-Failed-Recipients (Exim), else the one recipient of the returned message, with the whole explanation. */
    private static List<FailedRecipient> fallbackRecipients(MimeMessage m, OriginalMessage original, String text)
            throws MessagingException {
        List<FailedRecipient> out = new ArrayList<>();
        String diagnostic = text.strip().replaceAll("\\s+", " ");
        String[] failed = m.getHeader("X-Failed-Recipients");
        List<String> addresses = failed != null ? Addresses.all(String.join(",", failed))
                : original.to().size() == 1 ? original.to() : List.of();
        for (String a : addresses) {
            out.add(TextReport.of(a, diagnostic.isEmpty() ? null : diagnostic));
        }
        return out;
    }

    private static boolean isDeliveryReport(MimeMessage m) {
        try {
            return m.isMimeType("multipart/report")
                    && "delivery-status".equalsIgnoreCase(new ContentType(m.getContentType()).getParameter("report-type"));
        } catch (MessagingException e) {
            return false; // an unreadable Content-Type: decided by the other signals
        }
    }

    /**
     * Addresses a report never names as failed: our own senders, the report's sender, and where it was delivered
     * (Delivered-To ... and its To: a report goes to the envelope sender, the bounce mailbox, not to a recipient).
     */
    private Set<String> excluded(MimeMessage m, MessageInfo info) throws MessagingException {
        Set<String> out = new HashSet<>(ownSenders);
        String[] to = m.getHeader("To");
        if (to != null) {
            for (String v : to) {
                Addresses.all(v).forEach(a -> out.add(Addresses.normalise(a)));
            }
        }
        String from = Addresses.first(info.from());
        if (from != null) {
            out.add(Addresses.normalise(from));
        }
        info.deliveredTo().forEach(a -> out.add(Addresses.normalise(a)));
        return out;
    }

    private boolean isAutoReply(MimeMessage m, MessageInfo info) throws MessagingException {
        String auto = Mime.header(m, "Auto-Submitted");
        if (auto != null && auto.toLowerCase(Locale.ROOT).startsWith("auto-replied")) {
            return true;
        }
        String precedence = Mime.header(m, "Precedence");
        if (precedence != null && precedence.toLowerCase(Locale.ROOT).contains("auto_reply")) {
            return true;
        }
        if (m.getHeader("X-Autoreply") != null || m.getHeader("X-Autorespond") != null
                || m.getHeader("X-Autoresponse") != null) {
            return true;
        }
        return signals.autoReplySubject.matcher(info.subject()).find();
    }

    private static String readable(List<Part> leaves) throws MessagingException, IOException {
        StringBuilder plain = new StringBuilder();
        StringBuilder html = new StringBuilder();
        for (Part p : leaves) {
            String type = Mime.type(p);
            if (type.equals("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
                plain.append(Mime.text(p)).append('\n');
            } else if (type.equals("text/html")) {
                html.append(Mime.text(p)).append('\n');
            }
        }
        return (plain.toString().isBlank() ? html : plain).toString().replace("\r", "");
    }

    private static String headerText(MimeMessage m) throws MessagingException {
        StringBuilder b = new StringBuilder();
        Enumeration<String> lines = m.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            b.append(lines.nextElement()).append('\n');
        }
        return b.toString();
    }

    private static MessageInfo info(MimeMessage m) throws MessagingException {
        Date sent = m.getSentDate();
        List<String> deliveredTo = new ArrayList<>();
        for (String name : DELIVERED_TO) {
            String[] values = m.getHeader(name);
            if (values != null) {
                for (String v : values) {
                    for (String a : Addresses.all(v)) {
                        if (!deliveredTo.contains(a)) {
                            deliveredTo.add(a);
                        }
                    }
                }
            }
        }
        String from = "";
        try {
            Address[] f = m.getFrom();
            if (f != null && f.length > 0) {
                from = f[0] instanceof InternetAddress ia ? ia.toUnicodeString() : f[0].toString();
            }
        } catch (MessagingException e) {
            from = String.valueOf(Mime.header(m, "From"));
        }
        String subject = Mime.decoded(Mime.header(m, "Subject"));
        Instant date = sent == null ? null : sent.toInstant();
        return new MessageInfo(Mime.messageId(Mime.header(m, "Message-ID")), date, from,
                subject == null ? "" : subject, deliveredTo);
    }
}
