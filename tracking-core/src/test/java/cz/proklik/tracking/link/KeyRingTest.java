package cz.proklik.tracking.link;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyRingTest {
    @TempDir
    Path dir;

    @Test
    void savedRingLoadsBackIdenticallyAndIsPrivate() throws Exception {
        KeyRing ring = KeyRing.empty()
                .withNewSigningKey(KeyRing.generateKey(Clock.systemUTC(), new SecureRandom()))
                .withNewSigningKey(new SigningKey("k2", SigningKey.State.ACTIVE, new byte[32]));
        Path file = dir.resolve("keys");

        ring.save(file);

        assertThat(KeyRing.load(file).keys()).isEqualTo(ring.keys());
        assertThat(KeyRing.load(file).signingKey()).map(SigningKey::id).contains("k2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void keysGeneratedWithinOneSecondGetNamesOfTheirOwn() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T09:15:30.500Z"), ZoneOffset.UTC);
        KeyRing ring = KeyRing.empty().withGeneratedSigningKey(clock, new SecureRandom())
                .withGeneratedSigningKey(clock, new SecureRandom());

        assertThat(ring.keys()).extracting(SigningKey::id).containsExactly("k20261125091531", "k20261125091530");
        assertThat(ring.signingKey()).map(SigningKey::id).contains("k20261125091531");
    }

    @Test
    void environmentFormUsesSemicolonsAndCommentsAreIgnored() {
        KeyRing ring = KeyRing.parse("# keys\nk2 active AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ; k1 retired");

        assertThat(ring.keys()).extracting(SigningKey::id).containsExactly("k2", "k1");
        assertThat(ring.find("k1")).get().extracting(SigningKey::active).isEqualTo(false);
    }

    @Test
    void retiringDropsTheSecretAndKeepsTheOrder() {
        KeyRing ring = KeyRing.parse("k2 active " + "A".repeat(43) + "\nk1 active " + "B".repeat(43));

        KeyRing retired = ring.retire("k2");

        assertThat(retired.signingKey()).map(SigningKey::id).contains("k1");
        assertThat(retired.find("k2")).get().extracting(SigningKey::secret).isNull();
        assertThat(retired.toText()).contains("k2 retired\n");
        assertThatThrownBy(() -> ring.retire("k7")).hasMessageContaining("no key k7");
    }

    @Test
    void brokenEntriesAreRefusedWithTheirPlace() {
        assertThatThrownBy(() -> KeyRing.parse("k1 active " + "A".repeat(43) + "\nk2 sleeping AAAA"))
                .hasMessageContaining("entry 2").hasMessageContaining("active or retired");
        assertThatThrownBy(() -> KeyRing.parse("k1 active AAAA"))
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> KeyRing.parse("k1 active !!!notbase64"))
                .hasMessageContaining("base64url");
        assertThatThrownBy(() -> new KeyRing(List.of(new SigningKey("k1", SigningKey.State.RETIRED, null),
                new SigningKey("k1", SigningKey.State.RETIRED, null)))).hasMessageContaining("twice");
    }
}
