package cz.proklik.mailer.send.pacing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Domains one provider receives for, counted as one by the per-domain cap (gmail.com and googlemail.com land in the
 * same mailboxes and the same provider throttles them). A domain in no group is its own group.
 */
public final class DomainGroups {
    private static final DomainGroups NONE = new DomainGroups(Map.of());

    private final Map<String, String> groupOfDomain;

    private DomainGroups(Map<String, String> groupOfDomain) {
        this.groupOfDomain = Map.copyOf(groupOfDomain);
    }

    public static DomainGroups none() {
        return NONE;
    }

    /**
     * @param groups group name to its domains
     * @throws IllegalArgumentException when a domain is in two groups or a group is empty
     */
    public static DomainGroups of(Map<String, List<String>> groups) {
        Map<String, String> byDomain = new HashMap<>();
        groups.forEach((group, domains) -> {
            if (group.isBlank() || domains.isEmpty()) {
                throw new IllegalArgumentException("a domain group needs a name and at least one domain: " + group);
            }
            for (String d : domains) {
                String domain = RecipientDomain.of("@" + d.strip());
                String before = byDomain.put(domain, "group:" + group.strip().toLowerCase(Locale.ROOT));
                if (before != null) {
                    throw new IllegalArgumentException("domain " + domain + " is in two groups");
                }
            }
        });
        return new DomainGroups(byDomain);
    }

    /**
     * Parses entries like {@code google=gmail.com googlemail.com} (one group each: its name, '=', its domains
     * separated by spaces or '|').
     */
    public static DomainGroups parse(List<String> entries) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not NAME=domain domain...: " + entry);
            }
            List<String> domains = List.of(entry.substring(eq + 1).strip().split("[\\s|]+"));
            groups.put(entry.substring(0, eq).strip(),
                    domains.stream().filter(d -> !d.isEmpty()).toList());
        }
        return of(groups);
    }

    /** What the cap counts a message to this address under: its provider group, else its domain. */
    public String keyOfAddress(String address) {
        return keyOfDomain(RecipientDomain.of(address));
    }

    /** @param domain as {@link RecipientDomain#of} gives it */
    public String keyOfDomain(String domain) {
        return groupOfDomain.getOrDefault(domain, domain);
    }
}
