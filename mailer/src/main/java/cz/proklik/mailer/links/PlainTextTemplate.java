package cz.proklik.mailer.links;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the plain-text part's template from the authored HTML, once per template: text in source order (jsoup
 * moves stray text out of tables, but the source positions it keeps do not move, and keywords such as
 * {@code {{#products}}} must stay where they were written), block elements as line breaks, each link as
 * "text (URL)" where the URL is the same placeholder the HTML part uses, so both parts carry the same tracked
 * links. Comments (MSO buttons duplicate an ordinary link), head, style and script are left out.
 */
public final class PlainTextTemplate {
    private static final Set<String> BLOCKS = Set.of("p", "div", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
            "ul", "ol", "li", "blockquote", "section", "article", "header", "footer", "center", "hr", "title");
    private static final Set<String> SKIP = Set.of("head", "style", "script", "title");

    private PlainTextTemplate() {
    }

    private record Piece(int pos, int seq, String text) {
    }

    /**
     * @param placeholders for each tracked link's href value start position, the text that stands for its URL
     */
    public static String of(String html, Map<Integer, String> placeholders) {
        Document doc = LinkScanner.parse(html);
        List<Piece> pieces = new ArrayList<>();
        Map<Node, Boolean> skipped = new IdentityHashMap<>();
        int[] seq = {0};
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node.parent() != null && skipped.containsKey(node.parent())) {
                    skipped.put(node, true);
                    return;
                }
                if (node instanceof Element el && SKIP.contains(el.normalName())) {
                    skipped.put(node, true);
                    return;
                }
                int pos = node.sourceRange().startPos();
                if (node instanceof TextNode t) {
                    String text = t.getWholeText().replaceAll("\\s+", " ");
                    if (!text.isEmpty()) {
                        pieces.add(new Piece(pos, seq[0]++, text));
                    }
                } else if (node instanceof Element el) {
                    if (el.normalName().equals("br")) {
                        pieces.add(new Piece(pos, seq[0]++, "\n"));
                    } else if (el.normalName().equals("li")) {
                        pieces.add(new Piece(pos, seq[0]++, "\n- "));
                    } else if (BLOCKS.contains(el.normalName())) {
                        pieces.add(new Piece(pos, seq[0]++, "\n"));
                    } else if (el.normalName().equals("img") && el.parent() != null
                            && el.parent().normalName().equals("a") && !el.attr("alt").isBlank()) {
                        pieces.add(new Piece(pos, seq[0]++, "[" + el.attr("alt").strip() + "]"));
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (skipped.containsKey(node) || !(node instanceof Element el)) {
                    return;
                }
                int end = el.endSourceRange().isTracked() ? el.endSourceRange().endPos() : el.sourceRange().endPos();
                if (el.normalName().equals("a") && el.hasAttr("href")) {
                    int valueStart = el.attribute("href").sourceRange().valueRange().startPos();
                    String url = placeholders.getOrDefault(valueStart, el.attr("href").strip());
                    if (!url.startsWith("#")) {
                        pieces.add(new Piece(end, seq[0]++, " (" + url + ")"));
                    }
                } else if (BLOCKS.contains(el.normalName())) {
                    pieces.add(new Piece(end, seq[0]++, "\n"));
                }
            }
        }, doc);
        pieces.sort((a, b) -> a.pos != b.pos ? Integer.compare(a.pos, b.pos) : Integer.compare(a.seq, b.seq));
        StringBuilder out = new StringBuilder();
        for (Piece p : pieces) {
            out.append(p.text);
        }
        return tidy(out.toString());
    }

    private static String tidy(String text) {
        StringBuilder out = new StringBuilder();
        int blank = 0;
        for (String line : text.split("\n", -1)) {
            String l = line.strip();
            if (l.isEmpty()) {
                blank++;
                if (blank == 1 && out.length() > 0) {
                    out.append('\n');
                }
            } else {
                blank = 0;
                out.append(l).append('\n');
            }
        }
        return out.toString().strip() + "\n";
    }
}
