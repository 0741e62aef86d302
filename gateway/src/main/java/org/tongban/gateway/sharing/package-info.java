/**
 * Penalty sharing (信息共享) between member cities. On the penalizing side, a
 * {@link org.tongban.gateway.sharing.PenaltyFeedPoller} reads new penalty decisions from each hosted
 * member's platform and {@link org.tongban.gateway.sharing.PenaltySharing} sends those on enterprises
 * registered elsewhere to their home member ({@link org.tongban.gateway.sharing.HomeRouting}): a lone
 * notice as a {@code PenaltyNotice}, more as {@code PenaltyNoticeBatch}es signed once per batch over
 * their hash tree. {@link org.tongban.gateway.sharing.AutomaticEndJob} shares the end of publicity at
 * the maximum period (免申享). On the home side, {@link org.tongban.gateway.sharing.ReceivedNotices}
 * keeps what arrives, {@link org.tongban.gateway.sharing.ReminderJob} reminds the office once repair
 * can be applied for (期满提醒), and {@link org.tongban.gateway.sharing.NoticeService} lists notices
 * and opens a case from one.
 */
package org.tongban.gateway.sharing;
