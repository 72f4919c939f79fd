package cz.proklik.mailer.links;

/**
 * One tracked link of a template: where its URL attribute value sits in the authored text (character offsets,
 * quotes excluded), the URL as written (entities decoded, keywords still in it), and the element id it is
 * counted under. {@code inMso} marks a link inside an Outlook conditional comment (a VML button).
 */
public record LinkSpan(int valueStart, int valueEnd, String href, String elementId, String description,
                       String utmTerm, boolean inMso) {
}
