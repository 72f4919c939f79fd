package cz.proklik.mailer.render;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import cz.proklik.mailer.links.LinkSpan;
import cz.proklik.tracking.link.TrackingLink;

import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a {@link MailProgram}: renders the compiled template once with JMustache itself, the reference's model
 * and escapers, but with a marker in place of every recipient value and every signed link. What JMustache does
 * with a value depends only on whether it is there (a section runs or not; a missing variable is an error) and,
 * for the output, on the value itself only where the marker stands, so the output cut at the markers is the mail
 * of every recipient with the same fields present, once the markers are replaced by that recipient's values
 * escaped for where they stand (HTML, text, link target) and the signed links. Everything per campaign — UTM
 * parameters, element ids, product blocks, the plain-text conversion — is thereby done here, once.
 *
 * <p>Markers are characters of Unicode's private use area; a template or campaign value that contains one is
 * refused here ({@link Unsupported}) and rendered by the reference instead.
 */
final class MailProgramCompiler {
    private static final char VALUE_MARK = '\uE000';
    private static final char LINK_MARK = '\uE001';
    private static final char INDEX_BASE = '\uE100';
    private static final int MAX_INDEX = '\uF8FF' - INDEX_BASE;
    /** Link targets as the reference compiles them, except that a marker passes unencoded (it is cut out). */
    private static final Mustache.Compiler TARGET = Mustache.compiler()
            .withEscaper(new Mustache.Escaper() {
                @Override
                public String escape(String raw) {
                    return Escaping.percentEncode(raw);
                }

                @Override
                public CharSequence escape(CharSequence raw) {
                    return raw instanceof Marker ? raw : Escaping.URL.escape(raw);
                }
            })
            .withFormatter(v -> v instanceof CharSequence cs ? cs : String.valueOf(v));

    private final RenderSettings settings;
    private final ReferenceRenderer reference;

    MailProgramCompiler(RenderSettings settings, ReferenceRenderer reference) {
        this.settings = settings;
        this.reference = reference;
    }

    /** This template cannot be compiled into segments: its recipients get the reference render. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * A recipient value's stand-in: a CharSequence with no property a keyword could name, so JMustache treats it
     * as it treats the String it stands for (truthy in a section, the section's context, escaped as text).
     */
    private static final class Marker implements CharSequence {
        private final String mark;

        Marker(char kind, int index) {
            this.mark = new String(new char[] {kind, (char) (INDEX_BASE + index)});
        }

        @Override
        public int length() {
            return mark.length();
        }

        @Override
        public char charAt(int index) {
            return mark.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return mark.subSequence(start, end);
        }

        @Override
        public String toString() {
            return mark;
        }
    }

    /**
     * @param present which recipient values exist (index as in {@link MailProgram}); the others are absent from
     *                the model exactly as the reference leaves them out
     * @throws RuntimeException whatever the reference would throw for such a recipient, or {@link Unsupported}
     */
    MailProgram compile(CompiledTemplate t, String variant, boolean[] present) {
        List<Map<String, Object>> products = reference.products(t);
        refuseMarkers(t, products);
        Map<String, Object> model = new HashMap<>();
        Map<String, Object> contact = new HashMap<>();
        for (int i = 0; i < MailProgram.CONTACT_FIELDS.length; i++) {
            if (present[i]) {
                contact.put(MailProgram.CONTACT_FIELDS[i], new Marker(VALUE_MARK, i));
            }
        }
        model.put("contact", contact);
        model.put("greeting", present[MailProgram.GREETING] ? new Marker(VALUE_MARK, MailProgram.GREETING) : null);
        model.put("campaign", Map.of("name", settings.campaignName()));
        model.put("shop", t.shop());
        model.put("products", products);
        model.put("unsubscribe_url", new Marker(VALUE_MARK, MailProgram.UNSUBSCRIBE));
        model.put(TemplateCompiler.OPEN, new Marker(VALUE_MARK, MailProgram.OPEN));
        if (t.usesAutologin()) {
            model.put("autologin_url", new Marker(VALUE_MARK, MailProgram.AUTOLOGIN));
        }
        if (t.usesView()) {
            model.put("view_url", new Marker(VALUE_MARK, MailProgram.VIEW));
        }
        Slots slots = new Slots(t, variant);
        for (int k = 0; k < t.links().size(); k++) {
            int index = k;
            Mustache.Lambda link = (frag, out) -> slots.write(index, frag, out);
            model.put(TemplateCompiler.linkKey(k), link);
            model.put(TemplateCompiler.textLinkKey(k), link);
        }
        MailProgram.Parts subject = cut(t.subject().execute(model));
        MailProgram.Parts html = cut(t.html().execute(model));
        MailProgram.Parts text = cut(t.text().execute(model));
        return new MailProgram(subject, html, text, slots.links,
                TrackingLink.unsubscribe(settings.campaignId(), MailProgram.ANY_RECIPIENT, variant),
                TrackingLink.open(settings.campaignId(), MailProgram.ANY_RECIPIENT, variant));
    }

    private static MailProgram.Parts cut(String rendered) {
        List<String> literals = new ArrayList<>();
        List<Integer> refs = new ArrayList<>();
        int from = 0;
        int length = 0;
        for (int i = 0; i < rendered.length(); i++) {
            char c = rendered.charAt(i);
            if (c == VALUE_MARK || c == LINK_MARK) {
                String literal = rendered.substring(from, i);
                literals.add(literal);
                length += literal.length();
                int index = rendered.charAt(i + 1) - INDEX_BASE;
                refs.add((c == VALUE_MARK ? MailProgram.Parts.VALUE : MailProgram.Parts.LINK) | index);
                i++;
                from = i + 1;
            }
        }
        String last = rendered.substring(from);
        literals.add(last);
        length += last.length();
        return new MailProgram.Parts(literals.toArray(String[]::new), refs.stream().mapToInt(Integer::intValue).toArray(),
                length);
    }

    /** A marker character already in the template's text or a campaign value would be taken for a marker. */
    private void refuseMarkers(CompiledTemplate t, List<Map<String, Object>> products) {
        List<Template> templates = new ArrayList<>(List.of(t.subject(), t.html(), t.text()));
        templates.addAll(t.targets());
        StringBuilder texts = new StringBuilder();
        for (Template template : templates) {
            template.visit(new Mustache.Visitor() {
                @Override
                public void visitText(String text) {
                    texts.append(text);
                }

                @Override
                public void visitVariable(String name) {
                }

                @Override
                public boolean visitInclude(String name) {
                    return false;
                }

                @Override
                public boolean visitSection(String name) {
                    return true;
                }

                @Override
                public boolean visitInvertedSection(String name) {
                    return true;
                }
            });
        }
        texts.append(settings.campaignName()).append(t.shop());
        for (Map<String, Object> p : products) {
            for (Object v : p.values()) {
                texts.append(v);
            }
        }
        for (int i = 0; i < texts.length(); i++) {
            char c = texts.charAt(i);
            if (c >= VALUE_MARK && c <= '\uF8FF') {
                throw new Unsupported("a private-use character U+" + Integer.toHexString(c) + " in the template");
            }
        }
    }

    /** The tracked links in the order the reference signs them, one slot per element id. */
    private final class Slots {
        private final CompiledTemplate t;
        private final String variant;
        private final Map<String, Integer> byId = new LinkedHashMap<>();
        private final List<MailProgram.Link> links = new ArrayList<>();
        private final List<Template> targets = new ArrayList<>();

        Slots(CompiledTemplate t, String variant) {
            this.t = t;
            this.variant = variant;
            for (LinkSpan span : t.links()) {
                targets.add(span.href().indexOf("{{") < 0 ? null : TARGET.compile(span.href().strip()));
            }
        }

        /** As the reference's link lambda: the same id, term and target; the marker of its slot written. */
        void write(int index, Template.Fragment frag, Writer out) throws java.io.IOException {
            LinkSpan span = t.links().get(index);
            LinkPlacement placed = LinkPlacement.of(span, frag);
            String id = placed.id();
            String term = placed.term();
            Integer slot = byId.get(id);
            if (slot == null) {
                String raw;
                if (targets.get(index) == null) {
                    raw = span.href().strip();
                } else {
                    StringWriter target = new StringWriter();
                    frag.executeTemplate(targets.get(index), target);
                    raw = target.toString().strip();
                }
                MailProgram.Parts parts = cut(raw);
                String withUtm = parts.hasRefs() ? null : settings.utm().apply(raw, variant, id, term);
                TrackingLink click = withUtm == null ? null
                        : TrackingLink.click(settings.campaignId(), MailProgram.ANY_RECIPIENT, id, variant, withUtm);
                slot = links.size();
                if (slot > MAX_INDEX) {
                    throw new Unsupported("more than " + MAX_INDEX + " tracked links");
                }
                byId.put(id, slot);
                links.add(new MailProgram.Link(id, span.description(), span.href().strip(), term, withUtm, click,
                        parts.hasRefs() ? parts : null));
            }
            out.write(LINK_MARK);
            out.write(INDEX_BASE + slot);
        }
    }
}
