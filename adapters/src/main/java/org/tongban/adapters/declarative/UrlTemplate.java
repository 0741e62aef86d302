package org.tongban.adapters.declarative;

import org.tongban.adapters.http.PathSegment;
import org.tongban.contracts.error.ContractException;
import org.tongban.contracts.error.ErrorCode;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL template of a mapping, e.g. {@code {baseUrl}/openapi/xyxf/bgjl?start={cursor}&size={limit}}.
 * {@code {baseUrl}} is put in as configured; other values are percent-encoded. A query parameter
 * whose value is a lone variable without a value (the cursor at the start of a feed) is left out.
 */
final class UrlTemplate {
    private static final Pattern VARIABLE = Pattern.compile("\\{([^{}]*)}");

    private final String text;
    private final String path;
    private final List<String[]> query;

    private UrlTemplate(String text, String path, List<String[]> query) {
        this.text = text;
        this.path = path;
        this.query = query;
    }

    /** Parses and checks a template; records problems under {@code key} and answers null when it is unusable. */
    static UrlTemplate parse(String text, String key, List<String> allowed, Problems problems) {
        int before = problems.list().size();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            if (!allowed.contains(m.group(1))) {
                problems.add(key, "unknown variable {" + m.group(1) + "}; this endpoint knows "
                        + allowed.stream().map(v -> "{" + v + "}").toList());
            }
        }
        if (!text.startsWith("{baseUrl}") && !text.startsWith("http://") && !text.startsWith("https://")) {
            problems.add(key, "a URL starts with {baseUrl} or http(s)://, got '" + text + "'");
        }
        String sample = VARIABLE.matcher(text.replace("{baseUrl}", "http://platform.example")).replaceAll("x");
        try {
            new URI(sample);
        } catch (URISyntaxException e) {
            problems.add(key, "'" + text + "' is not a URL: " + e.getReason());
        }
        if (problems.list().size() > before) {
            return null;
        }
        int q = text.indexOf('?');
        List<String[]> params = new ArrayList<>();
        if (q >= 0) {
            for (String pair : text.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                params.add(eq < 0 ? new String[] {pair, ""} : new String[] {pair.substring(0, eq), pair.substring(eq + 1)});
            }
        }
        return new UrlTemplate(text, q < 0 ? text : text.substring(0, q), params);
    }

    /** The URL with {@code values} put in; a path variable without a value is bad data. */
    String expand(String baseUrl, Map<String, String> values) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        StringBuilder out = new StringBuilder(substitute(path, base, values, true));
        String sep = "?";
        for (String[] p : query) {
            Matcher lone = VARIABLE.matcher(p[1]);
            if (lone.matches()) {
                String v = values.get(lone.group(1));
                if (v == null || v.isEmpty()) {
                    continue;
                }
            }
            out.append(sep).append(encode(p[0])).append('=').append(substitute(p[1], base, values, false));
            sep = "&";
        }
        return out.toString();
    }

    private static String substitute(String template, String base, Map<String, String> values, boolean inPath) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String v;
            if ("baseUrl".equals(name)) {
                v = base;
            } else {
                String raw = values.get(name);
                if (raw == null && inPath) {
                    throw new ContractException(ErrorCode.FIELD_REQUIRED, "/" + name, "the URL needs {" + name
                            + "}, which this leg does not have yet");
                }
                v = raw == null ? "" : inPath ? PathSegment.encode(raw) : encode(raw);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Encodes a query name or value. */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return text;
    }
}
