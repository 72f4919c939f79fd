package cz.proklik.mailer.lists;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** An address is usable when jakarta.mail parses it strictly as one bare address with a dotted domain. */
public final class Addresses {
    private Addresses() {
    }

    public static boolean valid(String email) {
        if (email == null || email.length() > 320 || email.chars().anyMatch(ch -> ch <= ' ' || ch == 127)) {
            return false;
        }
        try {
            InternetAddress a = new InternetAddress(email, true);
            String address = a.getAddress();
            int at = address.lastIndexOf('@');
            return a.getPersonal() == null && address.equals(email) && at > 0
                    && address.indexOf('.', at) > at + 1 && !address.endsWith(".");
        } catch (AddressException e) {
            return false;
        }
    }
}
