package cz.proklik.mailer.send;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import cz.proklik.erp.bounce.BounceMatchDao;
import cz.proklik.erp.bounce.SendRef;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignStatus;
import cz.proklik.erp.mailing.ErpContact;
import cz.proklik.erp.mailing.delivery.Delivery;
import cz.proklik.erp.mailing.delivery.DeliveryState;
import cz.proklik.erp.report.CampaignReportDao;
import cz.proklik.erp.report.Kpis;
import cz.proklik.erp.send.SendDao;
import cz.proklik.erp.send.SendStatus;
import cz.proklik.mailer.lists.ListRecipient;
import cz.proklik.mailer.preview.MimeMessages;
import cz.proklik.mailer.render.Fixtures;
import cz.proklik.mailer.render.RenderedMail;
import cz.proklik.redirect.RedirectServer;
import cz.proklik.redirect.RedirectSettings;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.verp.VerpAddress;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole campaign sent to a real SMTP server (GreenMail), its links clicked through the real redirect page. */
class CampaignSenderTest {
    @TempDir
    Path dir;

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private ClickLogWriter log;
    private RedirectServer redirect;

    @BeforeEach
    void start() throws Exception {
        smtp.start();
        log = ClickLogWriter.start(new ClickLogWriter.Settings(dir.resolve("clicklog"), "t1", 1 << 20,
                Duration.ofHours(1), true), Clock.systemUTC());
        redirect = RedirectServer.start(new RedirectSettings("127.0.0.1", 0, 1, RedirectSettings.BUILT_IN_FALLBACK,
                List.of(), List.of("127.0.0.0/8"), 16 * 1024, "t1"), new LinkCodec(Fixtures.KEYS), log);
    }

    @AfterEach
    void stop() throws Exception {
        redirect.close();
        log.close();
        smtp.stop();
    }

    /** Both ways a row is claimed before its hand-off: by the journal alone (embedded H2), or committed too (SQL Server). */
    @ParameterizedTest(name = "claim committed in the database: {0}")
    @ValueSource(booleans = {false, true})
    void everyRecipientGetsExactlyOneMessageWithItsHeadersPartsAndWorkingLinks(boolean claimInDatabase)
            throws Exception {
        String base = "https://127.0.0.1:" + redirect.port();
        try (SendFixture f = new SendFixture(dir.resolve("db"), 40, base)) {
            f.claimInDatabase = claimInDatabase;
            List<String> notes = new CopyOnWriteArrayList<>();
            CampaignSender.Result result = f.sender(SendFixture.smtp(smtp.getSmtp().getPort(), 3),
                    SendFixture.settings(3), Pacing.unthrottled(2, Duration.ofSeconds(1), Clock.systemUTC()), notes::add).run(f.recipients);

            List<ListRecipient> mailed = f.mailed();
            assertThat(mailed.size()).as("the holdout gets nothing, the rest something").isBetween(20, 35)
                    .isLessThan(f.recipients.size());
            assertThat(result).isInstanceOf(CampaignSender.Result.Finished.class);
            Map<DeliveryState, Long> counts = ((CampaignSender.Result.Finished) result).counts();
            assertThat(counts.get(DeliveryState.ACCEPTED)).isEqualTo(mailed.size());
            assertThat(counts.get(DeliveryState.IN_DOUBT) + counts.get(DeliveryState.QUEUED)
                    + counts.get(DeliveryState.FAILED)).isZero();
            assertThat(new CampaignDao(f.db.dataSource()).find(SendFixture.CAMPAIGN).orElseThrow().status())
                    .isEqualTo(CampaignStatus.DONE);

            MimeMessage[] received = smtp.getReceivedMessages();
            Map<String, MimeMessage> byAddress = new HashMap<>();
            for (MimeMessage m : received) {
                String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
                assertThat(byAddress.put(to, m)).as("a second message to " + to).isNull();
            }
            assertThat(byAddress.keySet()).containsExactlyInAnyOrderElementsOf(
                    mailed.stream().map(ListRecipient::email).toList());

            BounceMatchDao matching = new BounceMatchDao(f.db.dataSource());
            SendDao sends = new SendDao(f.db.dataSource());
            for (ListRecipient r : mailed) {
                MimeMessage m = byAddress.get(r.email());
                Delivery d = f.deliveries.find(SendFixture.CAMPAIGN, r.contactId()).orElseThrow();
                assertThat(d.smtpReply()).startsWith("250");
                // The Message-ID stored before the hand-off is the one that arrived, and a bounce quoting it matches.
                assertThat(m.getMessageID()).isEqualTo("<" + d.messageId() + ">");
                assertThat(matching.byMessageId(d.messageId()).map(SendRef::recipientId)).contains(r.contactId());
                // The Return-Path is the signed VERP address of this delivery, which finds the send again.
                String returnPath = m.getHeader("Return-Path", null).replaceAll("[<>]", "");
                assertThat(returnPath).startsWith("bounces+b2.").endsWith("@shop.example.com");
                VerpAddress.Decoded decoded = f.verp.decode(returnPath).orElseThrow();
                assertThat(decoded.id()).isEqualTo(d.id());
                assertThat(matching.byDeliveryId(decoded.id()).map(SendRef::recipientId)).contains(r.contactId());
                assertThat(sends.find(SendFixture.CAMPAIGN, r.contactId()).orElseThrow().status())
                        .isEqualTo(SendStatus.SENT);
                String unsubscribe = m.getHeader("List-Unsubscribe", null);
                assertThat(unsubscribe).matches("<" + Pattern.quote(base) + "/u/[^>]+>, <mailto:unsubscribe@shop"
                        + "\\.example\\.com\\?subject=unsubscribe%20[^>]+>");
                assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
                assertThat(m.getHeader(MimeMessages.TEST_HEADER)).isNull();
                Multipart parts = (Multipart) m.getContent();
                assertThat(parts.getContentType()).startsWith("multipart/alternative");
                assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").contains("UTF-8");
                assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").contains("UTF-8");
                assertThat(((MimeBodyPart) parts.getBodyPart(1)).getEncoding()).isEqualTo("quoted-printable");
            }
            // The evaluation views count what was sent, per variant.
            Kpis kpis = new CampaignReportDao(f.db.dataSource()).campaign(SendFixture.CAMPAIGN).orElseThrow().kpis();
            assertThat(kpis.sent()).isEqualTo(mailed.size());
            assertThat(kpis.failed()).isZero();

            // Every link of one message verifies and redirects through the real redirect page (plain HTTP here: the
            // links say https so that the one-click header is offered, the test server speaks http).
            MimeMessage one = byAddress.get(mailed.get(0).email());
            String html = (String) ((BodyPart) ((Multipart) one.getContent()).getBodyPart(1)).getContent();
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            List<String> hrefs = new ArrayList<>();
            for (Element a : Jsoup.parse(html).select("a[href^=" + base + "/c/]")) {
                hrefs.add(a.attr("href"));
            }
            assertThat(hrefs).hasSizeGreaterThanOrEqualTo(4);
            int withUtm = 0;
            for (String href : hrefs) {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(href.replace("https://", "http://")))
                        .build(), HttpResponse.BodyHandlers.discarding());
                assertThat(r.statusCode()).as(href).isEqualTo(302);
                String location = r.headers().firstValue("Location").orElseThrow();
                assertThat(location).startsWith("https://shop.example.com/");
                withUtm += location.contains("utm_campaign=2026-12-02_zimni_rozesilka") ? 1 : 0;
            }
            assertThat(withUtm).as("all but the view-in-browser link carry UTM").isEqualTo(hrefs.size() - 1);
            // RFC 8058: the one-click POST to the List-Unsubscribe URL is accepted by the redirect page.
            Matcher u = Pattern.compile("<(https://[^>]+/u/[^>]+)>").matcher(one.getHeader("List-Unsubscribe", null));
            assertThat(u.find()).isTrue();
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(u.group(1).replace("https://",
                    "http://"))).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(200);

            // A second run finds nothing to do and mails nobody again.
            CampaignSender.Result again = f.sender(SendFixture.smtp(smtp.getSmtp().getPort(), 3),
                    SendFixture.settings(3), Pacing.unthrottled(2, Duration.ofSeconds(1), Clock.systemUTC()), notes::add).run(f.recipients);
            assertThat(again).isInstanceOf(CampaignSender.Result.Finished.class);
            assertThat(smtp.getReceivedMessages()).hasSize(mailed.size());
        }
    }

    @Test
    void headerInjectionFromContactDataIsInert() throws Exception {
        try (SendFixture f = new SendFixture(dir.resolve("db"), 5, "https://t.example.com")) {
            ErpContact evil = new ErpContact("R-EVIL", "inj@example.com", "Jan\r\nBcc: victim@evil.example",
                    "Novák\u0000\nX-Injected: yes", "cs", "Praha", "CZ", null, true,
                    "Vážený pane\r\nBcc: victim2@evil.example\r\n\r\n<b>body</b>", null, null, "M");
            RenderedMail mail = f.composer.compose(evil, "A");
            MimeMessage m = MimeMessages.of(mail, Clock.systemUTC(), new MimeMessages.Extras("1.x@mail.example", null,
                    null));
            try (SmtpConnection c = new SmtpConnection(SendFixture.smtp(smtp.getSmtp().getPort(), 1))) {
                assertThat(c.send(m, "bounces@shop.example.com", mail.toAddress()))
                        .isInstanceOf(HandOff.Accepted.class);
            }
            MimeMessage[] received = smtp.getReceivedMessages();
            assertThat(received).hasSize(1);
            MimeMessage got = received[0];
            assertThat(got.getHeader("Bcc")).isNull();
            assertThat(got.getHeader("X-Injected")).isNull();
            assertThat(got.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
                    .containsExactly("inj@example.com");
            // The data is still there, as inert text on one line.
            assertThat(got.getSubject()).startsWith("Vážený pane  Bcc: victim2@evil.example").doesNotContain("\n");
            String to = ((InternetAddress) got.getRecipients(Message.RecipientType.TO)[0]).getPersonal();
            assertThat(to).contains("Bcc: victim@evil.example").contains("X-Injected: yes").doesNotContain("\n")
                    .doesNotContain("\r").doesNotContain("\u0000");
        }
    }
}
