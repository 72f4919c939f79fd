package cz.proklik.mailer.links;

import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the links of an authored HTML e-mail that get tracked, with their exact source positions, so that the
 * template can be rewritten by replacing only those attribute values: every other byte stays as authored
 * (jsoup's re-serialised output would not). Outlook conditional comments are parsed again on their own, because
 * to a browser parser their VML buttons are comment text.
 *
 * <p>Tracked: {@code <a href>} (and any {@code href} inside an MSO comment) that is http(s) or starts with a
 * keyword. Left alone: mailto:, tel:, anchors and other schemes, {@code data-pkl-track="no"}, and the own kinds
 * (unsubscribe, view in browser, auto-login). Element ids: {@code data-pkl-id}, else {@code img-N} for a link that
 * wraps only an image and {@code link-N} for others, numbered in document order; a VML button shares the id of
 * the next ordinary link with the same URL (the bulletproof-button pattern), else {@code mso-N}.
 */
public final class LinkScanner {
    public static final String ID_ATTR = "data-pkl-id";
    public static final String TRACK_ATTR = "data-pkl-track";
    public static final String DESCRIPTION_ATTR = "data-pkl-description";
    public static final String UTM_TERM_ATTR = "data-pkl-utm-term";
    /** Keywords that are links of their own kind and are never wrapped in a click link. */
    public static final List<String> OWN_KINDS = List.of("unsubscribe_url", "view_url", "autologin_url");

    private LinkScanner() {
    }

    public static List<LinkSpan> scan(String html) {
        Document doc = parse(html);
        List<Found> found = new ArrayList<>();
        collect(doc, 0, false, found);
        found.sort((a, b) -> Integer.compare(a.start, b.start));
        return assignIds(found);
    }

    static Document parse(String html) {
        Parser parser = Parser.htmlParser().setTrackPosition(true);
        return parser.parseInput(html, "");
    }

    private record Found(int start, int end, String href, String explicitId, String description, String utmTerm,
                         boolean inMso, boolean image) {
    }

    private static void collect(Node root, int offset, boolean inMso, List<Found> out) {
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof Comment comment) {
                String data = comment.getData();
                if (data.startsWith("[if") && data.contains("mso")) {
                    // The comment's data starts right after "<!--".
                    int dataStart = offset + comment.sourceRange().startPos() + 4;
                    collect(parse(data), dataStart, true, out);
                }
            } else if (node instanceof Element el && el.hasAttr("href")
                    && (inMso || el.normalName().equals("a"))) {
                Attribute href = el.attribute("href");
                if (href == null || !href.sourceRange().isTracked()) {
                    return;
                }
                String value = href.getValue().strip();
                if (!tracked(el, value)) {
                    return;
                }
                int start = offset + href.sourceRange().valueRange().startPos();
                int end = offset + href.sourceRange().valueRange().endPos();
                boolean image = el.text().isBlank() && !el.select("img").isEmpty();
                out.add(new Found(start, end, href.getValue(), blankToNull(el.attr(ID_ATTR)), describe(el, image),
                        blankToNull(el.attr(UTM_TERM_ATTR)), inMso, image));
            }
        }, root);
    }

    static boolean tracked(Element el, String value) {
        if ("no".equalsIgnoreCase(el.attr(TRACK_ATTR).strip())) {
            return false;
        }
        for (String own : OWN_KINDS) {
            if (value.contains("{{" + own + "}}")) {
                return false;
            }
        }
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || value.startsWith("{{");
    }

    private static String describe(Element el, boolean image) {
        String d = el.attr(DESCRIPTION_ATTR).strip();
        if (d.isEmpty()) {
            d = el.attr("title").strip();
        }
        if (d.isEmpty()) {
            d = image ? "image: " + el.select("img").first().attr("alt").strip() : el.text().strip();
        }
        d = d.replaceAll("\\s+", " ");
        return d.length() > 400 ? d.substring(0, 400) : d;
    }

    private static List<LinkSpan> assignIds(List<Found> found) {
        Map<String, Integer> counters = new HashMap<>();
        String[] ids = new String[found.size()];
        for (int i = 0; i < found.size(); i++) {
            Found f = found.get(i);
            if (f.explicitId != null) {
                ids[i] = f.explicitId;
            } else if (!f.inMso) {
                String prefix = f.image ? "img" : "link";
                ids[i] = prefix + "-" + counters.merge(prefix, 1, Integer::sum);
            }
        }
        for (int i = 0; i < found.size(); i++) {
            Found f = found.get(i);
            if (ids[i] == null) {
                for (int j = i + 1; j < found.size() && ids[i] == null; j++) {
                    if (!found.get(j).inMso && found.get(j).href.strip().equals(f.href.strip())) {
                        ids[i] = ids[j];
                    }
                }
                if (ids[i] == null) {
                    ids[i] = "mso-" + counters.merge("mso", 1, Integer::sum);
                }
            }
        }
        List<LinkSpan> spans = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Found f = found.get(i);
            spans.add(new LinkSpan(f.start, f.end, f.href, ids[i], f.description, f.utmTerm, f.inMso));
        }
        return spans;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
