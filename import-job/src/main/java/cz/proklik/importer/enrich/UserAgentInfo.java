package cz.proklik.importer.enrich;

/**
 * What the user-agent library says about a User-Agent header, in its own vocabulary (Yauaa field values):
 * agentClass e.g. "Browser", "Email Client", "Robot", "Special"; deviceClass e.g. "Desktop", "Phone", "Robot".
 */
public record UserAgentInfo(String agentClass, String agentName, String deviceClass, String operatingSystem) {
}
