package cz.proklik.mailer.links;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The UTM parameters of seed 003 for one campaign: utm_source=email, utm_medium by campaign type, utm_campaign
 * "yyyy-mm-dd_name". They are appended to a link's target before its fragment; a parameter the author already
 * put into the URL is kept as written, never doubled.
 */
public final class UtmParameters {
    public static final Pattern CAMPAIGN = Pattern.compile("\\d{4}-\\d{2}-\\d{2}_[a-z0-9][a-z0-9_-]{0,180}");
    public static final Set<String> MEDIA = Set.of("newsletter", "automation", "trigger");

    private final String medium;
    private final String campaign;
    /** The appended parameters per (separator, variant, element, term): the same for every recipient. */
    private final Map<String, String> suffixes = new ConcurrentHashMap<>();

    public UtmParameters(String medium, String campaign) {
        Objects.requireNonNull(medium, "medium");
        if (!MEDIA.contains(medium)) {
            throw new IllegalArgumentException("utm_medium must be newsletter, automation or trigger: " + medium);
        }
        if (campaign == null || !CAMPAIGN.matcher(campaign).matches()) {
            throw new IllegalArgumentException(
                    "utm_campaign must be yyyy-mm-dd_name (lower-case letters, digits, _ and -): " + campaign);
        }
        this.medium = medium;
        this.campaign = campaign;
    }

    public String medium() {
        return medium;
    }

    public String campaign() {
        return campaign;
    }

    /** {@code name} lower-cased with anything but letters and digits turned to '_' (diacritics dropped). */
    public static String campaignName(LocalDate date, String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        return date + "_" + (ascii.isEmpty() ? "campaign" : ascii);
    }

    /** The target with utm_source, utm_medium, utm_campaign, utm_content = variant_element, and utm_term if given. */
    public String apply(String target, String variant, String elementId, String term) {
        int hash = target.indexOf('#');
        String base = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? "" : target.substring(hash);
        String query = base.indexOf('?') < 0 ? "" : base.substring(base.indexOf('?') + 1);
        char first = base.indexOf('?') < 0 ? '?' : (base.endsWith("?") || base.endsWith("&") ? 0 : '&');
        if (!query.contains("utm_")) {
            // The usual case: nothing to keep from the author, so the parameters are the same for every mail.
            String key = first + "\n" + variant + "\n" + elementId + "\n" + term;
            String suffix = suffixes.get(key);
            if (suffix == null) {
                StringBuilder b = new StringBuilder();
                appendAll(b, first, "", variant, elementId, term);
                suffix = b.toString();
                if (suffixes.size() < 10_000) {
                    suffixes.put(key, suffix);
                }
            }
            return base + suffix + fragment;
        }
        StringBuilder out = new StringBuilder(base.length() + 120).append(base);
        appendAll(out, first, query, variant, elementId, term);
        return out.append(fragment).toString();
    }

    private void appendAll(StringBuilder out, char first, String query, String variant, String elementId,
                           String term) {
        char sep = first;
        String content = variant == null || variant.isEmpty() ? elementId : variant + "_" + elementId;
        sep = add(out, sep, query, "utm_source", "email");
        sep = add(out, sep, query, "utm_medium", medium);
        sep = add(out, sep, query, "utm_campaign", campaign);
        sep = add(out, sep, query, "utm_content", content);
        if (term != null && !term.isBlank()) {
            add(out, sep, query, "utm_term", term.strip());
        }
    }

    private static char add(StringBuilder out, char sep, String query, String name, String value) {
        if (hasParameter(query, name)) {
            return sep;
        }
        if (sep != 0) {
            out.append(sep);
        }
        out.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        return '&';
    }

    private static boolean hasParameter(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.equals(name) || pair.startsWith(name + "=")) {
                return true;
            }
        }
        return false;
    }
}
