package cz.proklik.bounces.parse;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Reading MIME parts without jakarta.mail's content handlers: every part is taken from its decoded stream, so the
 * parsing does not depend on which mailcap files a class path (or a shaded jar) happens to merge.
 */
final class Mime {
    static final Session SESSION = Session.getInstance(new Properties());
    private static final int MAX_DEPTH = 8;
    private static final int MAX_TEXT = 256 * 1024;
    private static final Pattern TAG =
            Pattern.compile("(?s)<(script|style)[^>]*>.*?</\\1>|<br\\s*/?>|</p>|</div>|</tr>|<[^>]+>");

    private Mime() {
    }

    static MimeMessage message(byte[] raw) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    }

    static MimeMessage message(InputStream in) throws MessagingException {
        return new MimeMessage(SESSION, in);
    }

    static String type(Part p) {
        try {
            String t = p.getContentType();
            return t == null ? "text/plain" : new ContentType(t).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            return "application/octet-stream";
        }
    }

    static String param(Part p, String name) {
        try {
            String t = p.getContentType();
            return t == null ? null : new ContentType(t).getParameter(name);
        } catch (MessagingException e) {
            return null;
        }
    }

    /** The leaf parts in order, not descending into attached messages (those are the original we sent). */
    static List<Part> leaves(Part root) throws MessagingException, IOException {
        List<Part> out = new ArrayList<>();
        collect(root, out, 0);
        return out;
    }

    private static void collect(Part p, List<Part> out, int depth) throws MessagingException, IOException {
        if (depth < MAX_DEPTH && type(p).startsWith("multipart/")) {
            MimeMultipart mp = new MimeMultipart(p.getDataHandler().getDataSource());
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart child = mp.getBodyPart(i);
                collect(child, out, depth + 1);
            }
            return;
        }
        out.add(p);
    }

    static byte[] bytes(Part p) throws MessagingException, IOException {
        try (InputStream in = p.getInputStream()) {
            return in.readNBytes(MAX_TEXT * 4);
        }
    }

    /** The decoded text of a text part; HTML reduced to its words. */
    static String text(Part p) throws MessagingException, IOException {
        String s = decodedText(p);
        return type(p).equals("text/html") ? htmlToText(s) : s;
    }

    /** The decoded text of a text part as it is (HTML with its links). */
    static String decodedText(Part p) throws MessagingException, IOException {
        byte[] b = bytes(p);
        Charset cs = StandardCharsets.UTF_8;
        String name = param(p, "charset");
        if (name != null) {
            try {
                cs = Charset.forName(MimeUtility.javaCharset(name));
            } catch (RuntimeException e) {
                cs = StandardCharsets.ISO_8859_1;
            }
        }
        String s = new String(b, cs);
        if (s.length() > MAX_TEXT) {
            s = s.substring(0, MAX_TEXT);
        }
        return s;
    }

    static String htmlToText(String html) {
        String s = TAG.matcher(html).replaceAll("\n");
        return s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }

    static InternetHeaders headers(byte[] b) throws MessagingException {
        return new InternetHeaders(new ByteArrayInputStream(b));
    }

    static String header(InternetHeaders h, String name) {
        String v = h.getHeader(name, " ");
        return v == null ? null : unfold(v);
    }

    static String header(Part p, String name) {
        try {
            String[] v = p.getHeader(name);
            return v == null || v.length == 0 ? null : unfold(v[0]);
        } catch (MessagingException e) {
            return null;
        }
    }

    static String unfold(String v) {
        return v.replaceAll("\\r?\\n[ \\t]+", " ").trim();
    }

    static String decoded(String v) {
        if (v == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(v);
        } catch (IOException | RuntimeException e) {
            return v;
        }
    }

    /** "<abc@host>" -> "abc@host"; null for nothing usable. */
    static String messageId(String v) {
        if (v == null) {
            return null;
        }
        String s = v.trim();
        int lt = s.indexOf('<');
        int gt = s.indexOf('>', lt + 1);
        if (lt >= 0 && gt > lt) {
            s = s.substring(lt + 1, gt);
        }
        s = s.trim();
        return s.isEmpty() || s.length() > 400 ? null : s;
    }
}
