package cz.proklik.redirect;

import com.fasterxml.jackson.databind.ObjectMapper;
import cz.proklik.redirect.keys.KeyRingReload;
import cz.proklik.tracking.event.EventType;
import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.SigningKey;
import cz.proklik.tracking.link.TrackingLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 19.1: a running server follows `keys generate` and `keys retire` without a restart. */
class KeyRotationTest {
    private static final String TARGET = "https://shop.example.com/";
    /** The reload interval of this test; proklik.keys.reload-interval documents the real default (10 s). */
    private static final Duration INTERVAL = Duration.ofMillis(200);

    @TempDir
    Path dir;

    @Test
    void aKeyGeneratedAfterStartIsAcceptedAndARetiredOneRefusedWithoutARestart() throws Exception {
        Path keyFile = dir.resolve("keys");
        KeyRing first = KeyRing.empty().withNewSigningKey(KeyRing.generateKey(Clock.systemUTC(), new SecureRandom()));
        first.save(keyFile);
        LinkCodec served = new LinkCodec(KeyRing.load(keyFile));
        try (RunningServer s = new RunningServer(dir, served, List.of(), 64 << 20, RunningServer.NO_JUNK_LIMITS,
                KeyRingReload.watch(keyFile, served, INTERVAL))) {
            String oldKey = first.signingKey().orElseThrow().id();
            String byOldKey = s.url(TrackingLink.click("C1", "R1", "hero", "", TARGET));
            assertThat(location(s, byOldKey)).isEqualTo(TARGET);

            // What `proklik keys generate` does, on the mailer's copy of the ring, then published to this node.
            KeyRing second = first.withNewSigningKey(new SigningKey("k-new", SigningKey.State.ACTIVE,
                    KeyRing.generateKey(Clock.systemUTC(), new SecureRandom()).secret()));
            second.save(keyFile);
            String byNewKey = new LinkCodec(second).url(s.base(), TrackingLink.click("C1", "R2", "hero", "", TARGET));
            assertThat(eventually(() -> location(s, byNewKey).equals(TARGET)))
                    .as("a link of the new key redirects within the reload interval").isTrue();
            assertThat(location(s, byOldKey)).as("the old key still verifies").isEqualTo(TARGET);

            second.retire(oldKey).save(keyFile); // `proklik keys retire`
            assertThat(eventually(() -> location(s, byOldKey).equals(RedirectSettings.BUILT_IN_FALLBACK)))
                    .as("a retired key's link goes to the fallback").isTrue();
            assertThat(location(s, byNewKey)).isEqualTo(TARGET);

            Map<String, Object> keyRing = keyRing(s);
            assertThat(keyRing).containsEntry("reloading", true).containsEntry("activeKeys", List.of("k-new"))
                    .containsEntry("retiredKeys", List.of(oldKey)).containsEntry("error", "");
            List<TrackingEvent> events = RunningServer.events(s.stopAndReadLog());
            assertThat(events).filteredOn(e -> e.type() == EventType.CLICK).extracting(TrackingEvent::keyId)
                    .contains(oldKey, "k-new");
            assertThat(events).filteredOn(e -> e.type() == EventType.REJECTED).extracting(TrackingEvent::reason)
                    .as("UNKNOWN_KEY only while the new ring was not read yet").contains("RETIRED_KEY")
                    .isSubsetOf("UNKNOWN_KEY", "RETIRED_KEY");
        }
    }

    @Test
    void aBrokenKeyFileKeepsTheRingInUseAndIsReportedOnHealth() throws Exception {
        Path keyFile = dir.resolve("keys");
        KeyRing ring = KeyRing.empty().withNewSigningKey(KeyRing.generateKey(Clock.systemUTC(), new SecureRandom()));
        ring.save(keyFile);
        LinkCodec served = new LinkCodec(KeyRing.load(keyFile));
        try (RunningServer s = new RunningServer(dir, served, List.of(), 64 << 20, RunningServer.NO_JUNK_LIMITS,
                KeyRingReload.watch(keyFile, served, INTERVAL))) {
            String link = s.url(TrackingLink.click("C1", "R1", "hero", "", TARGET));

            Files.writeString(keyFile, "k1 active not*base64\n"); // a half-edited file

            assertThat(eventually(() -> !((String) keyRing(s).get("error")).isEmpty())).isTrue();
            Map<String, Object> health = health(s);
            assertThat(health).containsEntry("status", "WARN");
            assertThat((String) keyRing(s).get("error")).contains("not a valid key ring")
                    .doesNotContain(keyFile.toString()).doesNotContain("not*base64");
            assertThat(location(s, link)).as("the ring in use stays").isEqualTo(TARGET);

            ring.save(keyFile); // fixed
            assertThat(eventually(() -> ((String) keyRing(s).get("error")).isEmpty())).isTrue();
            assertThat(health(s)).containsEntry("status", "UP");
        }
    }

    @Test
    void aRingFromTheEnvironmentIsFixedAndSaysSo() throws Exception {
        try (RunningServer s = new RunningServer(dir)) {
            assertThat(keyRing(s)).containsEntry("reloading", false).containsEntry("activeKeys", List.of("k1"));
        }
    }

    private static String location(RunningServer s, String url) {
        try {
            HttpResponse<byte[]> r = s.get(url);
            assertThat(r.statusCode()).isEqualTo(302);
            return r.headers().firstValue("Location").orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> health(RunningServer s) {
        try {
            return new ObjectMapper().readValue(s.get(s.base() + "/health").body(), Map.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> keyRing(RunningServer s) {
        return (Map<String, Object>) health(s).get("keyRing");
    }

    /** Polls for up to ten reload intervals (and at least 5 s, for a loaded machine). */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(TimeUnit.SECONDS.toNanos(5), INTERVAL.toNanos() * 10);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
