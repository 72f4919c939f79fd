package cz.proklik.mailer.render;

import cz.proklik.erp.mailing.ErpContact;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.TrackingLink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders one compiled template for one recipient of one campaign: keywords filled and escaped for their context,
 * every tracked link signed per recipient with UTM parameters, the open pixel and the unsubscribe link. The bytes
 * are those of {@link ReferenceRenderer} (JMustache per mail); they are made from a {@link MailProgram} compiled
 * once per template, variant and set of present fields, so per recipient only its values are escaped and its
 * links signed. Whatever a program cannot express (a failing field, a marker character in the template) and any
 * error goes to the reference, which then gives the mail or the error message it always gave. Thread-safe; a mail
 * that cannot be complete throws {@link RenderException}.
 */
public final class MailRenderer {
    /** More programs than this are not kept (each template × variant × shape of fields is one). */
    private static final int MAX_PROGRAMS = 4096;
    private static final Object UNSUPPORTED = new Object();

    private final RenderSettings settings;
    private final ReferenceRenderer reference;
    private final MailProgramCompiler compiler;
    private final Map<ProgramKey, Object> programs = new ConcurrentHashMap<>();
    /** Minted URLs are the base URL plus base64url and dots: they need HTML escaping only if the base URL does. */
    private final boolean mintedNeedEscaping;
    private final ThreadLocal<StringBuilder> buffers = ThreadLocal.withInitial(() -> new StringBuilder(16384));

    public MailRenderer(RenderSettings settings) {
        this.settings = settings;
        this.reference = new ReferenceRenderer(settings);
        this.compiler = new MailProgramCompiler(settings, reference);
        this.mintedNeedEscaping = !Escaping.html(settings.linkBaseUrl()).equals(settings.linkBaseUrl());
    }

    public RenderSettings settings() {
        return settings;
    }

    /** The template compared by identity: a record's equals would compare its templates and links per mail. */
    private record ProgramKey(CompiledTemplate template, String variant, int shape) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ProgramKey k && k.template == template && k.shape == shape
                    && k.variant.equals(variant);
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(template) * 31 + variant.hashCode()) * 31 + shape;
        }
    }

    public RenderedMail render(CompiledTemplate t, ErpContact contact, String variant) {
        RenderedMail mail;
        try {
            mail = renderFromProgram(t, contact, variant);
        } catch (RuntimeException e) {
            // The reference meets the same problem and says it as it always did (or, should the program be wrong
            // for some mail, makes the right one).
            mail = null;
        }
        return mail != null ? mail : reference.render(t, contact, variant);
    }

    /** The mail made from the program, or null when no program serves this recipient (the reference does). */
    RenderedMail renderFromProgram(CompiledTemplate t, ErpContact contact, String variant) {
        if (contact.email() == null || contact.email().isBlank() || variant == null) {
            return null;
        }
        String[] values = new String[MailProgram.VALUE_COUNT];
        String[] fields = {contact.id(), contact.email(), contact.firstName(), contact.lastName(), contact.language(),
            contact.region(), contact.countryCode(), contact.organisationId()};
        int shape = 0;
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] != null && !fields[i].isBlank()) {
                values[i] = fields[i].strip();
                shape |= 1 << i;
            }
        }
        values[MailProgram.GREETING] = Greeting.of(contact, t.language(), settings.personalGreeting());
        if (values[MailProgram.GREETING] != null) {
            shape |= 1 << MailProgram.GREETING;
        }
        MailProgram program = program(t, variant, shape);
        return program == null ? null : fill(program, t, contact, contact.id(), variant, values);
    }

    /** The reference render, for the tests that hold the program to it. */
    RenderedMail renderReference(CompiledTemplate t, ErpContact contact, String variant) {
        return reference.render(t, contact, variant);
    }

    private MailProgram program(CompiledTemplate t, String variant, int shape) {
        ProgramKey key = new ProgramKey(t, variant, shape);
        Object p = programs.get(key);
        if (p == null) {
            boolean[] present = new boolean[MailProgram.VALUE_COUNT];
            for (int i = 0; i <= MailProgram.GREETING; i++) {
                present[i] = (shape & (1 << i)) != 0;
            }
            try {
                p = compiler.compile(t, variant, present);
            } catch (RuntimeException e) {
                p = UNSUPPORTED; // a missing field, a bad product, a marker character: the reference decides
            }
            if (programs.size() < MAX_PROGRAMS) {
                programs.put(key, p);
            }
        }
        return p instanceof MailProgram program ? program : null;
    }

    private RenderedMail fill(MailProgram p, CompiledTemplate t, ErpContact contact, String recipient,
                              String variant, String[] values) {
        // Signed in the reference's order: unsubscribe, open pixel, auto-login, view, then the links.
        LinkCodec codec = settings.links();
        String base = settings.linkBaseUrl();
        String unsubscribe = codec.url(base, p.unsubscribe(), recipient);
        values[MailProgram.UNSUBSCRIBE] = unsubscribe;
        values[MailProgram.OPEN] = codec.url(base, p.open(), recipient);
        if (t.usesAutologin()) {
            values[MailProgram.AUTOLOGIN] = SafeUrl.checked(reference.autologin(t, recipient)).url();
        }
        if (t.usesView()) {
            values[MailProgram.VIEW] = reference.viewUrl(t, recipient, variant);
        }
        List<MailProgram.Link> links = p.links();
        String[] urls = new String[links.size()];
        List<MintedLink> minted = new ArrayList<>(links.size());
        StringBuilder b = buffers.get();
        for (int k = 0; k < urls.length; k++) {
            MailProgram.Link link = links.get(k);
            String target = link.target();
            TrackingLink click = link.click();
            if (click == null) {
                b.setLength(0);
                fillTarget(b, link.targetParts(), values);
                target = settings.utm().apply(b.toString(), variant, link.id(), link.term());
                click = TrackingLink.click(settings.campaignId(), recipient, link.id(), variant, target);
            }
            urls[k] = codec.url(base, click, recipient);
            minted.add(new MintedLink(link.id(), link.description(), target, urls[k], k + 1, link.authored()));
        }
        String subject = Escaping.noControls(fillText(b, p.subject(), values, urls)).strip();
        if (subject.isEmpty()) {
            throw new RenderException("contact " + recipient + ": the subject is empty");
        }
        String html = fillHtml(b, p.html(), values, urls);
        String text = fillText(b, p.text(), values, urls);
        String toName = Escaping.noControls(ReferenceRenderer.join(contact.firstName(), contact.lastName())).strip();
        return new RenderedMail(recipient, variant, t.fromAddress(), t.fromName(), contact.email().strip(), toName,
                subject, html, text, unsubscribe, minted);
    }

    private String fillHtml(StringBuilder b, MailProgram.Parts parts, String[] values, String[] urls) {
        String[] literals = parts.literals();
        int[] refs = parts.refs();
        b.setLength(0);
        b.ensureCapacity(parts.literalLength() + refs.length * 256);
        b.append(literals[0]);
        for (int i = 0; i < refs.length; i++) {
            int index = refs[i] & MailProgram.Parts.INDEX;
            if ((refs[i] & MailProgram.Parts.LINK) != 0) {
                b.append(mintedNeedEscaping ? Escaping.html(urls[index]) : urls[index]);
            } else {
                b.append(Escaping.html(values[index]));
            }
            b.append(literals[i + 1]);
        }
        return result(b);
    }

    private String fillText(StringBuilder b, MailProgram.Parts parts, String[] values, String[] urls) {
        String[] literals = parts.literals();
        int[] refs = parts.refs();
        b.setLength(0);
        b.ensureCapacity(parts.literalLength() + refs.length * 256);
        b.append(literals[0]);
        for (int i = 0; i < refs.length; i++) {
            int index = refs[i] & MailProgram.Parts.INDEX;
            b.append((refs[i] & MailProgram.Parts.LINK) != 0 ? urls[index] : Escaping.noControls(values[index]));
            b.append(literals[i + 1]);
        }
        return result(b);
    }

    /** Inside a link target a recipient's data is percent-encoded; a URL Proklik made goes in as it is. */
    private static void fillTarget(StringBuilder b, MailProgram.Parts parts, String[] values) {
        String[] literals = parts.literals();
        int[] refs = parts.refs();
        b.append(literals[0]);
        for (int i = 0; i < refs.length; i++) {
            int index = refs[i] & MailProgram.Parts.INDEX;
            b.append(index >= MailProgram.FIRST_URL ? values[index] : Escaping.percentEncode(values[index]));
            b.append(literals[i + 1]);
        }
    }

    /** The String of the buffer; a buffer grown by one huge mail is not kept for the thread's life. */
    private String result(StringBuilder b) {
        String s = b.toString();
        if (b.capacity() > 1 << 20) {
            buffers.set(new StringBuilder(16384));
        }
        return s;
    }
}
