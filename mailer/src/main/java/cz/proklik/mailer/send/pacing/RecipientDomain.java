package cz.proklik.mailer.send.pacing;

import java.net.IDN;
import java.util.Locale;

/** The domain of an address as the pacer counts it: after the last '@', lower case, IDN in its ASCII form. */
public final class RecipientDomain {
    private RecipientDomain() {
    }

    /** Never fails: an address without a usable domain gives "" (all such addresses share one count). */
    public static String of(String address) {
        if (address == null) {
            return "";
        }
        int at = address.lastIndexOf('@');
        String domain = (at < 0 ? "" : address.substring(at + 1)).strip();
        if (domain.endsWith(">")) {
            domain = domain.substring(0, domain.length() - 1).strip();
        }
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        try {
            domain = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // not a valid IDN: counted under its own spelling, lower-cased below
        }
        return domain.toLowerCase(Locale.ROOT);
    }
}
