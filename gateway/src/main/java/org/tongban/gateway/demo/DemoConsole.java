package org.tongban.gateway.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the demo prints: lines stamped with the time since it started, member codes shown with city names. */
final class DemoConsole {
    private static final Pattern MEMBER = Pattern.compile("\\b(\\d{6})\\b");

    private final PrintStream out;
    private final long started = System.nanoTime();
    private final java.util.Map<String, String> names = new java.util.concurrent.ConcurrentHashMap<>();

    DemoConsole(PrintStream out, List<DemoCity> cities) {
        this.out = out;
        cities.forEach(c -> names.put(c.id(), c.nameZh()));
    }

    double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** A line of the story, stamped. */
    synchronized void event(String text) {
        out.printf("[%6.1fs] %s%n", elapsedSeconds(), withNames(text));
        out.flush();
    }

    /** A line of progress, stamped, its member codes left as they are. */
    synchronized void stamped(String text) {
        out.printf("[%6.1fs] %s%n", elapsedSeconds(), text);
        out.flush();
    }

    /** A city that joined: from now on its code is shown with its name. */
    void register(DemoCity city) {
        names.put(city.id(), city.nameZh());
    }

    /** A plain line. */
    synchronized void line(String text) {
        out.println(text);
        out.flush();
    }

    String name(String member) {
        return names.getOrDefault(member, member);
    }

    /** Replaces member codes in free text with their city names ({@code 331000} → {@code 台州市}). */
    String withNames(String text) {
        if (text == null) {
            return "";
        }
        Matcher m = MEMBER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(names.getOrDefault(m.group(1), m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
