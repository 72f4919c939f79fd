package cz.proklik.mailer.send;

import cz.proklik.erp.mailing.delivery.DeliveryState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-off journal's file: what is written reads back, a crash's cut last line is ignored, damage is refused. */
class HandOffJournalTest {
    private static final Instant AT = Instant.parse("2026-12-02T18:00:00.123Z");

    @TempDir
    Path dir;

    private static HandOffJournal.Entry step(long id, String recipient, DeliveryState state, String reply) {
        return new HandOffJournal.Entry(id, recipient, state, id + ".abc@mail.example.com", 2, AT,
                state == DeliveryState.QUEUED ? AT.plusSeconds(60) : null, AT.plusMillis(5), reply);
    }

    @Test
    void theLastStepOfEveryDeliveryReadsBackWithTabsAndLineBreaksInTheTextIntact() throws Exception {
        String campaign = "C/1 ü\t2";
        try (HandOffJournal j = HandOffJournal.create(dir, campaign, "123@host/ab12cd34", AT)) {
            j.handingOver(step(1, "R\t1\n", DeliveryState.HANDING_OVER, null));
            j.outcome(step(1, "R\t1\n", DeliveryState.ACCEPTED, "250 2.0.0 Ok\\queued\r\nas X"));
            j.handingOver(step(2, "R2", DeliveryState.HANDING_OVER, null));
            j.handingOver(step(3, "R3", DeliveryState.HANDING_OVER, null));
            j.outcome(step(3, "R3", DeliveryState.QUEUED, "451 4.7.1 try later"));
        }
        List<Path> files = HandOffJournal.leftBehind(dir, campaign);
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getParent().getFileName().toString()).matches("C_1___2-[0-9a-f]{8}");
        Map<Long, HandOffJournal.Entry> last = HandOffJournal.read(files.get(0), campaign);
        assertThat(last.keySet()).containsExactly(1L, 2L, 3L);
        assertThat(last.get(1L)).isEqualTo(step(1, "R\t1\n", DeliveryState.ACCEPTED, "250 2.0.0 Ok\\queued\r\nas X"));
        assertThat(last.get(2L).state()).isEqualTo(DeliveryState.HANDING_OVER);
        assertThat(last.get(2L).messageId()).isEqualTo("2.abc@mail.example.com");
        assertThat(last.get(3L)).isEqualTo(step(3, "R3", DeliveryState.QUEUED, "451 4.7.1 try later"));
        assertThat(HandOffJournal.leftBehind(dir, "another campaign")).isEmpty();
    }

    @Test
    void aLastLineCutByACrashIsIgnoredAndTheJournalIsDeletedWithItsFolder() throws Exception {
        HandOffJournal j = HandOffJournal.create(dir, "C1", "r", AT);
        j.handingOver(step(1, "R1", DeliveryState.HANDING_OVER, null));
        j.close();
        Path file = j.file();
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, "H\t2\tR2\t1\t2.x@m\t17".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        assertThat(HandOffJournal.read(file, "C1").keySet()).containsExactly(1L);
        // A whole last line whose checksum does not match (a power cut left garbage) is no step either.
        Files.write(file, whole);
        Files.write(file, "A\t1\tR1\t1\t-\t-\t-\t-\tok\t00000000\n".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        assertThat(HandOffJournal.read(file, "C1").get(1L).state()).isEqualTo(DeliveryState.HANDING_OVER);

        HandOffJournal.delete(file);
        assertThat(file).doesNotExist();
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void theFileIsAllocatedAheadAndItsLinesEndAtTheZeroFilledRest() throws Exception {
        HandOffJournal j = HandOffJournal.create(dir, "C1", "r", AT);
        j.handingOver(step(1, "R1", DeliveryState.HANDING_OVER, null));
        j.outcome(step(1, "R1", DeliveryState.FAILED, "550 no\0such user"));
        j.handingOver(step(2, "R2", DeliveryState.HANDING_OVER, null));
        j.close();
        Path file = j.file();
        byte[] bytes = Files.readAllBytes(file);
        int used = new String(bytes, StandardCharsets.ISO_8859_1).indexOf('\0');
        assertThat(bytes.length).as("allocated ahead, not grown line by line").isEqualTo(HandOffJournal.STRETCH);
        assertThat(used).isPositive();
        assertThat(new String(bytes, 0, used, StandardCharsets.UTF_8)).startsWith("proklik-send-journal 2\tC1\t")
                .endsWith("\n");
        Map<Long, HandOffJournal.Entry> last = HandOffJournal.read(file, "C1");
        assertThat(last.get(1L).reply()).as("a zero byte in a reply survives").isEqualTo("550 no\0such user");
        assertThat(last.get(2L).state()).isEqualTo(DeliveryState.HANDING_OVER);

        // A line the crash cut short in the allocated part, and anything after a zero byte: never fsynced.
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap("A\t2\tR2\t1\t2.x@m\t17".getBytes(StandardCharsets.UTF_8)), used);
            c.write(ByteBuffer.wrap(("A\t2\tR2\t1\t-\t-\t-\t-\tok\t00000000\n").getBytes(StandardCharsets.UTF_8)),
                    used + 100);
        }
        assertThat(HandOffJournal.read(file, "C1").get(2L).state()).isEqualTo(DeliveryState.HANDING_OVER);
    }

    @Test
    void aJournalOfFormatOneWrittenByTheEarlierVersionStillReads() throws Exception {
        HandOffJournal j = HandOffJournal.create(dir, "C1", "r", AT);
        j.handingOver(step(1, "R1", DeliveryState.HANDING_OVER, null));
        j.outcome(step(1, "R1", DeliveryState.ACCEPTED, "250 ok"));
        j.handingOver(step(2, "R2", DeliveryState.HANDING_OVER, null));
        j.close();
        Path file = j.file();
        byte[] bytes = Files.readAllBytes(file);
        String lines = new String(bytes, 0, new String(bytes, StandardCharsets.ISO_8859_1).indexOf('\0'),
                StandardCharsets.UTF_8);
        // Format 1 was appended and had no zero tail; its header differs in the version only, with its own CRC.
        String body = lines.substring(lines.indexOf('\n') + 1);
        String header = "proklik-send-journal 1\tC1\tr\t" + AT.toEpochMilli();
        CRC32C crc = new CRC32C();
        crc.update(header.getBytes(StandardCharsets.UTF_8));
        Files.writeString(file, header + "\t" + HexFormat.of().toHexDigits((int) crc.getValue()) + "\n" + body);

        Map<Long, HandOffJournal.Entry> last = HandOffJournal.read(file, "C1");
        assertThat(last.get(1L)).isEqualTo(step(1, "R1", DeliveryState.ACCEPTED, "250 ok"));
        assertThat(last.get(2L).state()).isEqualTo(DeliveryState.HANDING_OVER);
    }

    @Test
    void aDamagedLineBeforeTheLastOrAnotherCampaignsJournalIsRefused() throws Exception {
        HandOffJournal j = HandOffJournal.create(dir, "C1", "r", AT);
        j.handingOver(step(1, "R1", DeliveryState.HANDING_OVER, null));
        j.outcome(step(1, "R1", DeliveryState.ACCEPTED, "250 ok"));
        j.close();
        Path file = j.file();
        assertThatThrownBy(() -> HandOffJournal.read(file, "C2")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not one of campaign C2");
        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("\tR1\t", "\tR7\t"));
        assertThatThrownBy(() -> HandOffJournal.read(file, "C1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged at line 2");
    }
}
