package cz.proklik.erp.mailing.delivery;

import java.time.Instant;

/**
 * The control row of a campaign send ({@code pkl_mail_send_control}): the pause flag another process sets, the
 * reason of the last pause, the lease of the process sending it ({@code runner} with its heartbeat), and the A/B
 * test phase: when its test group was sent, the winner and why (null while not known).
 */
public record SendControl(String campaignId, boolean pauseRequested, String pauseReason, String runner,
                          Instant heartbeatAt, Instant startedAt, Instant abTestDoneAt, String abWinner,
                          String abWinnerReason) {
}
