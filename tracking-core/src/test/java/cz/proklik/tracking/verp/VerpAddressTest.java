package cz.proklik.tracking.verp;

import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.SigningKey;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerpAddressTest {
    private static SigningKey key(String id, byte fill) {
        byte[] secret = new byte[SigningKey.SECRET_BYTES];
        Arrays.fill(secret, fill);
        return new SigningKey(id, SigningKey.State.ACTIVE, secret);
    }

    private final KeyRing ring = new KeyRing(List.of(key("k20261201000000", (byte) 1)));
    private final VerpAddress verp = new VerpAddress(ring);

    @Test
    void aSignedReturnPathGivesItsSendIdBackAndFitsTheLocalPartLimit() {
        String address = verp.encode("bounces", "proklik.example", 123456789L);
        assertThat(address).startsWith("bounces+b1.k20261201000000.123456789.").endsWith("@proklik.example");
        assertThat(address.substring(0, address.indexOf('@'))).hasSizeLessThanOrEqualTo(VerpAddress.MAX_LOCAL_PART);
        assertThat(verp.decode(address)).contains(new VerpAddress.Decoded(VerpAddress.Kind.SEND, 123456789L));
        assertThat(verp.decode("Jan <" + address + ">")).contains(new VerpAddress.Decoded(VerpAddress.Kind.SEND, 123456789L));
    }

    @Test
    void aServerThatFoldsTheCaseOfTheLocalPartDoesNotBreakIt() {
        String address = verp.encode("bounces", "proklik.example", 42L);
        assertThat(verp.decode(address.toUpperCase(Locale.ROOT))).contains(new VerpAddress.Decoded(VerpAddress.Kind.SEND, 42L));
        assertThat(verp.decode(address.toLowerCase(Locale.ROOT))).contains(new VerpAddress.Decoded(VerpAddress.Kind.SEND, 42L));
    }

    @Test
    void everyAlteredCharacterAnotherSendIdOrAnotherKeyIsRefused() {
        String address = verp.encode("bounces", "proklik.example", 42L);
        int at = address.indexOf('@');
        for (int i = address.indexOf("+b1.") + 4; i < at; i++) {
            char c = address.charAt(i);
            char other = c == 'a' ? 'b' : c == '9' ? '8' : Character.isDigit(c) ? '9' : 'a';
            String altered = address.substring(0, i) + other + address.substring(i + 1);
            assertThat(verp.decode(altered)).as("altered at %d: %s", i, altered).isEmpty();
        }
        assertThat(verp.decode(address.replace(".42.", ".43."))).isEmpty();
        VerpAddress otherRing = new VerpAddress(new KeyRing(List.of(key("k20261201000000", (byte) 2))));
        assertThat(otherRing.decode(address)).isEmpty();
        assertThat(verp.decode("bounces@proklik.example")).isEmpty();
        assertThat(verp.decode("news+b1.x.1.abc@proklik.example")).isEmpty();
    }

    @Test
    void aRetiredKeyNoLongerMatches() {
        String address = verp.encode("bounces", "proklik.example", 42L);
        assertThat(new VerpAddress(ring.retire("k20261201000000")).decode(address)).isEmpty();
    }

    @Test
    void aLocalPartOverSixtyFourCharactersIsRefusedWhenSigning() {
        assertThatThrownBy(() -> verp.encode("a-very-long-bounce-mailbox-name-for-this-company", "x.example", 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64");
        assertThatThrownBy(() -> verp.encode("bounces", "x.example", 0L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void versionTwoNamesADeliveryAndCannotBeMadeFromAVersionOneAddress() {
        String delivery = verp.encodeDelivery("bounces", "proklik.example", 42L);
        assertThat(delivery).startsWith("bounces+b2.k20261201000000.42.");
        assertThat(verp.decode(delivery)).contains(new VerpAddress.Decoded(VerpAddress.Kind.DELIVERY, 42L));
        assertThat(verp.decode(delivery.toUpperCase(Locale.ROOT)))
                .contains(new VerpAddress.Decoded(VerpAddress.Kind.DELIVERY, 42L));
        String send = verp.encode("bounces", "proklik.example", 42L);
        assertThat(delivery).isNotEqualTo(send.replace("+b1.", "+b2."));
        assertThat(verp.decode(send.replace("+b1.", "+b2."))).isEmpty();
        assertThat(verp.decode(delivery.replace("+b2.", "+b1."))).isEmpty();
    }
}
