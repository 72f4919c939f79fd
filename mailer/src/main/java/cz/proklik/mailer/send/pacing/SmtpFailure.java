package cz.proklik.mailer.send.pacing;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a hand-over did not end with the relay accepting the message: a reply (its code, the enhanced status code of
 * RFC 3463 when the text starts with one, the text), no reply at all (the connection could not be made, broke or
 * timed out), or the relay refused our login.
 *
 * @param code     the SMTP reply code, 0 when there was no reply
 * @param enhanced e.g. "5.1.1", "" when none
 * @param text     the reply text or what broke, control characters replaced by spaces
 */
public record SmtpFailure(Kind kind, int code, String enhanced, String text) {
    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})(?=\\s|$)");

    public enum Kind {
        /** the relay answered with a reply code */
        REPLY,
        /** connect refused, reset, timed out, closed mid-dialogue: no reply to judge by */
        CONNECTION,
        /** the relay refused the login, or wants one we did not give */
        AUTHENTICATION
    }

    public SmtpFailure {
        Objects.requireNonNull(kind, "kind");
        enhanced = enhanced == null ? "" : enhanced;
        text = text == null ? "" : text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ").strip();
    }

    /** A reply; its enhanced status code is taken from the start of the text when there is one. */
    public static SmtpFailure reply(int code, String text) {
        String t = text == null ? "" : text.strip();
        Matcher m = ENHANCED.matcher(t);
        String enhanced = "";
        if (m.find()) {
            enhanced = m.group(0);
            t = t.substring(m.end()).strip();
        }
        return new SmtpFailure(code == 530 || code == 534 || code == 535 || code == 538 ? Kind.AUTHENTICATION
                : Kind.REPLY, code, enhanced, t);
    }

    public static SmtpFailure connection(String what) {
        return new SmtpFailure(Kind.CONNECTION, 0, "", what);
    }

    public static SmtpFailure authentication(String what) {
        return new SmtpFailure(Kind.AUTHENTICATION, 0, "", what);
    }

    /** Worth trying again later: a 4xx reply or no reply at all. */
    public boolean temporary() {
        return kind == Kind.CONNECTION || kind == Kind.REPLY && code >= 400 && code < 500;
    }

    /** A 5xx reply about the recipient or message (not the login): fails the recipient at once. */
    public boolean permanent() {
        return kind == Kind.REPLY && !temporary();
    }

    /**
     * The address itself is bad (enhanced status 5.1.x: no such user, domain or mailbox; 5.2.1: mailbox disabled):
     * a hard bounce at SMTP time. Policy blocks (5.7.x) and others are errors, not bounces.
     */
    public boolean hardBounce() {
        return kind == Kind.REPLY && code >= 500 && (enhanced.startsWith("5.1.") || enhanced.equals("5.2.1"));
    }

    /** As stored in the send state and shown: "550 5.1.1 no such user", "connection: Connection refused". */
    public String describe() {
        return switch (kind) {
            case CONNECTION -> "connection: " + text;
            case AUTHENTICATION -> code == 0 ? "authentication: " + text : line();
            case REPLY -> line();
        };
    }

    private String line() {
        StringBuilder b = new StringBuilder().append(code);
        if (!enhanced.isEmpty()) {
            b.append(' ').append(enhanced);
        }
        if (!text.isEmpty()) {
            b.append(' ').append(text);
        }
        return b.toString();
    }
}
