package cz.proklik.erp.followup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a follow-up item: a template with {@code {placeholders}} filled from the recipient's ERP contact and
 * the trigger. The result is plain text stored through a bound parameter: nothing in a name can become SQL, and a
 * {@code <} stays a {@code <} (whoever shows it as HTML escapes it, as for any ERP text). Control characters
 * (CR, LF, escapes, bidi overrides) become spaces, so a value cannot forge lines in the ERP or on a terminal.
 */
public final class FollowupText {
    public static final int MAX_TEMPLATE = 1000;
    public static final int MAX_TEXT = 2000;
    public static final int MAX_OWNER = 100;
    /** Every placeholder a template may use. */
    public static final Set<String> PLACEHOLDERS = Set.of("first_name", "last_name", "name", "email", "recipient",
            "campaign", "campaign_name", "link", "order");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");

    private FollowupText() {
    }

    /** Checks a template: 1-1000 characters, only known placeholders. */
    public static String requireTemplate(String template) {
        if (template == null || template.isBlank() || template.length() > MAX_TEMPLATE) {
            throw new IllegalArgumentException("text: 1-" + MAX_TEMPLATE + " characters required");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new IllegalArgumentException("text: unknown placeholder {" + m.group(1) + "} (known: "
                        + String.join(", ", PLACEHOLDERS.stream().sorted().map(p -> "{" + p + "}").toList()) + ")");
            }
        }
        return template;
    }

    /** An ERP user or group name: 1-100 characters without control characters. */
    public static String requireOwner(String owner) {
        if (owner == null || owner.isBlank() || owner.length() > MAX_OWNER || CONTROLS.matcher(owner).find()) {
            throw new IllegalArgumentException("owner: 1-" + MAX_OWNER + " characters without control characters");
        }
        return owner.strip();
    }

    /** Fills the placeholders (a missing value is empty) and makes the result one safe line of plain text. */
    public static String render(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        String text = CONTROLS.matcher(out).replaceAll(" ").strip();
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "\u2026";
    }

    /** The placeholder values of one recipient and trigger. */
    public static Map<String, String> values(String recipientId, String firstName, String lastName, String email,
                                             String campaignId, String campaignName, String linkId, String orderId) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("recipient", recipientId);
        v.put("first_name", firstName);
        v.put("last_name", lastName);
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        v.put("name", name.isEmpty() ? recipientId : name);
        v.put("email", email);
        v.put("campaign", campaignId);
        v.put("campaign_name", campaignName);
        v.put("link", linkId);
        v.put("order", orderId);
        return v;
    }
}
