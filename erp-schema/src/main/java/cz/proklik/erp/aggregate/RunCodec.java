package cz.proklik.erp.aggregate;

import cz.proklik.erp.aggregate.FoldDelta.ClickKey;
import cz.proklik.erp.aggregate.FoldDelta.ClickRow;
import cz.proklik.erp.aggregate.FoldDelta.LinkKey;
import cz.proklik.erp.aggregate.FoldDelta.LinkRow;
import cz.proklik.erp.aggregate.FoldDelta.RecipientKey;
import cz.proklik.erp.aggregate.FoldDelta.RecipientRow;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * How one kind of {@link FoldDelta} row is written to a sorted run and read back ({@link SortedRunWriter},
 * {@link SortedRunReader}), and how two partial sums of the same key combine ({@link RunMerge}). The ids a run's rows
 * share (campaign, link, variant) are written once in the run's string table and referred to by index; the recipient
 * id, unique per row, is written in the row; times are epoch milliseconds, and only those a row has (a bit each).
 */
interface RunCodec<K extends Comparable<K>, R> {

    /** Hands every shared string of the row to {@code strings} (the run's string table is written first). */
    void strings(K key, R row, Consumer<String> strings);

    void write(DataOutput out, K key, R row, StringIndex strings) throws IOException;

    /** Reads one row written by {@link #write}, handing its key and row to {@code into}. */
    void read(DataInput in, String[] strings, BiConsumer<K, R> into) throws IOException;

    /** Adds {@code other}'s partial sums to {@code into}'s: the code {@link FoldDelta} uses for the same rows. */
    void combine(R into, R other);

    /** The index in the run's string table of a shared string; -1 for null. */
    @FunctionalInterface
    interface StringIndex {
        int of(String value);
    }

    RunCodec<RecipientKey, RecipientRow> RECIPIENTS = new RunCodec<>() {
        @Override
        public void strings(RecipientKey key, RecipientRow row, Consumer<String> strings) {
            strings.accept(key.campaignId());
            strings.accept(row.variant);
        }

        @Override
        public void write(DataOutput out, RecipientKey key, RecipientRow r, StringIndex strings) throws IOException {
            out.writeInt(strings.of(key.campaignId()));
            out.writeUTF(key.recipientId());
            out.writeInt(strings.of(r.variant));
            out.writeInt(r.opensRaw);
            out.writeInt(r.opensClean);
            out.writeInt(r.clicksRaw);
            out.writeInt(r.clicksClean);
            writeTimes(out, r.firstOpenRaw, r.lastOpenRaw, r.firstOpenClean, r.lastOpenClean, r.firstClickRaw,
                    r.lastClickRaw, r.firstClickClean, r.lastClickClean);
        }

        @Override
        public void read(DataInput in, String[] strings, BiConsumer<RecipientKey, RecipientRow> into)
                throws IOException {
            RecipientKey key = new RecipientKey(strings[in.readInt()], in.readUTF());
            RecipientRow r = new RecipientRow();
            int variant = in.readInt();
            r.variant = variant < 0 ? null : strings[variant];
            r.opensRaw = in.readInt();
            r.opensClean = in.readInt();
            r.clicksRaw = in.readInt();
            r.clicksClean = in.readInt();
            long[] t = readTimes(in, 8);
            r.firstOpenRaw = t[0];
            r.lastOpenRaw = t[1];
            r.firstOpenClean = t[2];
            r.lastOpenClean = t[3];
            r.firstClickRaw = t[4];
            r.lastClickRaw = t[5];
            r.firstClickClean = t[6];
            r.lastClickClean = t[7];
            into.accept(key, r);
        }

        @Override
        public void combine(RecipientRow into, RecipientRow other) {
            into.combine(other);
        }
    };

    RunCodec<LinkKey, LinkRow> LINKS = new RunCodec<>() {
        @Override
        public void strings(LinkKey key, LinkRow row, Consumer<String> strings) {
            strings.accept(key.campaignId());
            strings.accept(key.linkId());
        }

        @Override
        public void write(DataOutput out, LinkKey key, LinkRow r, StringIndex strings) throws IOException {
            out.writeInt(strings.of(key.campaignId()));
            out.writeUTF(key.recipientId());
            out.writeInt(strings.of(key.linkId()));
            out.writeInt(r.clicksRaw);
            out.writeInt(r.clicksClean);
            writeTimes(out, r.firstClickRaw, r.lastClickRaw, r.firstClickClean, r.lastClickClean);
        }

        @Override
        public void read(DataInput in, String[] strings, BiConsumer<LinkKey, LinkRow> into) throws IOException {
            String campaign = strings[in.readInt()];
            String recipient = in.readUTF();
            LinkKey key = new LinkKey(campaign, recipient, strings[in.readInt()]);
            LinkRow r = new LinkRow();
            r.clicksRaw = in.readInt();
            r.clicksClean = in.readInt();
            long[] t = readTimes(in, 4);
            r.firstClickRaw = t[0];
            r.lastClickRaw = t[1];
            r.firstClickClean = t[2];
            r.lastClickClean = t[3];
            into.accept(key, r);
        }

        @Override
        public void combine(LinkRow into, LinkRow other) {
            into.combine(other);
        }
    };

    RunCodec<ClickKey, ClickRow> CLEAN_CLICKS = new RunCodec<>() {
        @Override
        public void strings(ClickKey key, ClickRow row, Consumer<String> strings) {
            strings.accept(row.campaignId());
            strings.accept(row.linkId());
        }

        @Override
        public void write(DataOutput out, ClickKey key, ClickRow row, StringIndex strings) throws IOException {
            out.writeUTF(key.recipientId());
            out.writeLong(key.clickedAt());
            out.writeUTF(key.eventId());
            out.writeInt(strings.of(row.campaignId()));
            out.writeInt(strings.of(row.linkId()));
        }

        @Override
        public void read(DataInput in, String[] strings, BiConsumer<ClickKey, ClickRow> into) throws IOException {
            ClickKey key = new ClickKey(in.readUTF(), in.readLong(), in.readUTF());
            into.accept(key, new ClickRow(strings[in.readInt()], strings[in.readInt()]));
        }

        /** One event is one clean click: a key met twice is the same click (as the fold's NOT EXISTS has it). */
        @Override
        public void combine(ClickRow into, ClickRow other) {
        }
    };

    /** A byte saying which times are there (most rows have no clean or no click times), then those times. */
    private static void writeTimes(DataOutput out, long... times) throws IOException {
        int present = 0;
        for (int i = 0; i < times.length; i++) {
            if (times[i] != FoldDelta.NONE) {
                present |= 1 << i;
            }
        }
        out.writeByte(present);
        for (long t : times) {
            if (t != FoldDelta.NONE) {
                out.writeLong(t);
            }
        }
    }

    private static long[] readTimes(DataInput in, int count) throws IOException {
        int present = in.readUnsignedByte();
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            times[i] = (present & (1 << i)) != 0 ? in.readLong() : FoldDelta.NONE;
        }
        return times;
    }
}
