package cz.proklik.mailer.render;

import cz.proklik.erp.mailing.ErpContact;

import java.util.Map;

/**
 * The {@code {{greeting}}} keyword. Proklik declines no names itself: it uses what the ERP adapter gives
 * ({@code pkl_erp_contact_greeting}): a ready {@code salutation} first; else, for cs/sk/pl, the formal form built
 * from the gender and the vocative of the last name (cs, sk) or first name (pl); else the neutral greeting of the
 * contact's language. With the greeting switched off on the campaign card, always the neutral form.
 */
public final class Greeting {
    private static final Map<String, String> NEUTRAL = Map.of("cs", "Dobrý den", "sk", "Dobrý deň",
            "pl", "Dzień dobry", "de", "Guten Tag", "en", "Hello");

    private Greeting() {
    }

    public static String neutral(String language) {
        return NEUTRAL.getOrDefault(language, NEUTRAL.get("en"));
    }

    public static String of(ErpContact c, String language, boolean personal) {
        if (!personal) {
            return neutral(language);
        }
        if (notBlank(c.salutation())) {
            return c.salutation().strip();
        }
        boolean female = "F".equals(c.gender());
        boolean male = "M".equals(c.gender());
        String last = notBlank(c.vocativeLastName()) ? c.vocativeLastName().strip() : null;
        String first = notBlank(c.vocativeFirstName()) ? c.vocativeFirstName().strip() : null;
        if (female || male) {
            switch (language) {
                case "cs":
                    if (last != null) {
                        return (female ? "Vážená paní " : "Vážený pane ") + last;
                    }
                    break;
                case "sk":
                    if (last != null) {
                        return (female ? "Vážená pani " : "Vážený pán ") + last;
                    }
                    break;
                case "pl":
                    if (first != null) {
                        return (female ? "Szanowna Pani " : "Szanowny Panie ") + first;
                    }
                    break;
                default:
                    break;
            }
        }
        return neutral(language);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
