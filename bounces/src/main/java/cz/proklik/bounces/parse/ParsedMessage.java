package cz.proklik.bounces.parse;

import java.util.List;
import java.util.Objects;

/** What one message of the bounce mailbox is. Only {@link Bounce} and {@link Complaint} change anything. */
public sealed interface ParsedMessage {

    MessageInfo info();

    /** A delivery report with at least one failed recipient; {@code format} names the MTA style recognised. */
    record Bounce(MessageInfo info, String format, List<FailedRecipient> recipients, OriginalMessage original)
            implements ParsedMessage {
        public Bounce {
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(format, "format");
            recipients = List.copyOf(recipients);
            if (recipients.isEmpty()) {
                throw new IllegalArgumentException("a bounce has at least one failed recipient");
            }
            Objects.requireNonNull(original, "original");
        }
    }

    /** An ARF feedback report (RFC 5965): the recipients reported the message (abuse, usually "this is spam"). */
    record Complaint(MessageInfo info, String feedbackType, List<String> recipients, OriginalMessage original)
            implements ParsedMessage {
        public Complaint {
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(feedbackType, "feedbackType");
            recipients = List.copyOf(recipients);
            Objects.requireNonNull(original, "original");
        }
    }

    /** An automatic reply (RFC 3834, vacation, out of office) from {@code address}: the message was delivered. */
    record AutoReply(MessageInfo info, String address, OriginalMessage original) implements ParsedMessage {
        public AutoReply {
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(original, "original");
        }
    }

    /** A delivery report without a failure (delayed, delivered, relayed): nothing to do, but handled. */
    record Notice(MessageInfo info, String format, String action) implements ParsedMessage {
        public Notice {
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(action, "action");
        }
    }

    /** Anything else (a person's reply, a newsletter, spam): left in the mailbox for a person to read. */
    record NotBounce(MessageInfo info, String why) implements ParsedMessage {
        public NotBounce {
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(why, "why");
        }
    }
}
