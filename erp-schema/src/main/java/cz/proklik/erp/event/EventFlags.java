package cz.proklik.erp.event;

/**
 * The cleaning layer of an event: suspicion flags and what the user agent was read as. Flags mark, never delete;
 * an event is clean when no flag is set ({@code pkl_event.is_clean}, computed by the database).
 *
 * @param botUa            user agent of a known bot/crawler
 * @param securityScanner  link scanner of a mail gateway (e.g. clicks on every link within milliseconds)
 * @param prefetch         HEAD request or other pre-fetch, not a human
 * @param mppSuspect       Apple Mail Privacy Protection proxy loading the open pixel
 * @param tooFastAfterSend reaction sooner after the send than a human can manage
 * @param uaClass          browser, email_client, bot, scanner, proxy, unknown (max 16 characters)
 * @param uaName           e.g. "Chrome", "Outlook" (max 64)
 * @param deviceClass      desktop, mobile, tablet, unknown (max 16)
 * @param rulesVersion     the flag rules version (docs/flags.md) that set these flags; null when not known
 */
public record EventFlags(boolean botUa, boolean securityScanner, boolean prefetch, boolean mppSuspect,
                         boolean tooFastAfterSend, String uaClass, String uaName, String deviceClass,
                         Integer rulesVersion) {

    public static final EventFlags NONE = new EventFlags(false, false, false, false, false, null, null, null);

    /** Flags whose rules version is not recorded (callers from before version 2, tests). */
    public EventFlags(boolean botUa, boolean securityScanner, boolean prefetch, boolean mppSuspect,
                      boolean tooFastAfterSend, String uaClass, String uaName, String deviceClass) {
        this(botUa, securityScanner, prefetch, mppSuspect, tooFastAfterSend, uaClass, uaName, deviceClass, null);
    }

    public boolean clean() {
        return !(botUa || securityScanner || prefetch || mppSuspect || tooFastAfterSend);
    }
}
