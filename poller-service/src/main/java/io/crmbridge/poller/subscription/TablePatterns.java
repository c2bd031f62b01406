package io.crmbridge.poller.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A connection's table patterns ({@code include: [account, "cr123_*"]}, {@code exclude: ["*_audit"]}): a table is
 * matched when its logical name matches an include pattern and no exclude pattern. {@code *} stands for any run of
 * characters (none included), {@code ?} for one; case does not matter (logical names are lower case). No include
 * pattern matches nothing.
 */
final class TablePatterns {

    private static final Pattern GLOB = Pattern.compile("[a-z0-9_*?]+");
    static final TablePatterns NONE = new TablePatterns(List.of(), List.of(), List.of(), List.of());

    private final List<String> include;
    private final List<String> exclude;
    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    private TablePatterns(List<String> include, List<String> exclude, List<Pattern> includes,
                          List<Pattern> excludes) {
        this.include = include;
        this.exclude = exclude;
        this.includes = includes;
        this.excludes = excludes;
    }

    /**
     * The patterns of {@code crmbridge.poller.connections.<connection>}; every pattern that is not one is named.
     *
     * @throws IllegalArgumentException listing each pattern that is empty or has a character other than letters,
     *                                  digits, {@code _}, {@code *} and {@code ?}, and exclude patterns without
     *                                  any include pattern
     */
    static TablePatterns of(String connection, List<String> include, List<String> exclude) {
        List<String> in = normalised(include);
        List<String> out = normalised(exclude);
        List<String> problems = new ArrayList<>();
        check("crmbridge.poller.connections." + connection + ".include", include, problems);
        check("crmbridge.poller.connections." + connection + ".exclude", exclude, problems);
        if (in.isEmpty() && !out.isEmpty()) {
            problems.add("crmbridge.poller.connections." + connection + ".exclude " + out + " excludes from nothing:"
                    + " give include patterns too (a table configured under tables.<name> is always included)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new TablePatterns(in, out, in.stream().map(TablePatterns::regex).toList(),
                out.stream().map(TablePatterns::regex).toList());
    }

    /** Whether any table can match (there is an include pattern). */
    boolean any() {
        return !includes.isEmpty();
    }

    boolean matches(String logicalName) {
        String name = logicalName.toLowerCase(Locale.ROOT);
        return includes.stream().anyMatch(p -> p.matcher(name).matches())
                && excludes.stream().noneMatch(p -> p.matcher(name).matches());
    }

    @Override
    public String toString() {
        return "include " + include + (exclude.isEmpty() ? "" : " exclude " + exclude);
    }

    private static void check(String key, List<String> patterns, List<String> problems) {
        if (patterns == null) {
            return;
        }
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i) == null ? "" : patterns.get(i).trim().toLowerCase(Locale.ROOT);
            if (!GLOB.matcher(pattern).matches()) {
                problems.add(key + "[" + i + "] '" + patterns.get(i) + "' is not a table pattern (letters, digits"
                        + " and _ of a logical name, * for any run of characters, ? for one)");
            }
        }
    }

    private static List<String> normalised(List<String> patterns) {
        return patterns == null ? List.of() : patterns.stream()
                .map(p -> p == null ? "" : p.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static Pattern regex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return Pattern.compile(regex.toString());
    }
}
