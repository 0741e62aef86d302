package org.tongban.gateway.store.jdbc;

import org.tongban.gateway.store.NoticeRecord;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code notice_reminders} row (migration V014) of the notices one message carried: their
 * notice-id range and the earliest day on which one of them can be reminded (期满提醒).
 *
 * @param messageId   the message that carried the notices
 * @param firstNotice the lowest of their notice ids
 * @param lastNotice  the highest of their notice ids
 * @param nextRemind  the earliest of their earliest application days, {@code YYYY-MM-DD}
 */
record NoticeReminder(String messageId, String firstNotice, String lastNotice, String nextRemind) {
    /** One row per message among {@code notices}; a message none of whose notices can be repaired has none. */
    static List<NoticeReminder> of(List<NoticeRecord> notices) {
        Map<String, List<NoticeRecord>> byMessage = new LinkedHashMap<>();
        for (NoticeRecord n : notices) {
            byMessage.computeIfAbsent(n.messageId().toString(), k -> new ArrayList<>(notices.size())).add(n);
        }
        List<NoticeReminder> rows = new ArrayList<>(byMessage.size());
        byMessage.forEach((message, carried) -> {
            String first = null;
            String last = null;
            LocalDate next = null;
            for (NoticeRecord n : carried) {
                LocalDate earliest = n.earliestApplication();
                if (earliest == null) {
                    continue;
                }
                first = first == null || n.noticeId().compareTo(first) < 0 ? n.noticeId() : first;
                last = last == null || n.noticeId().compareTo(last) > 0 ? n.noticeId() : last;
                next = next == null || earliest.isBefore(next) ? earliest : next;
            }
            if (next != null) {
                rows.add(new NoticeReminder(message, first, last, next.toString()));
            }
        });
        return rows;
    }
}
