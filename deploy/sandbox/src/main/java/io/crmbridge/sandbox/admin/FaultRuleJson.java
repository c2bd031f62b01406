package io.crmbridge.sandbox.admin;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The admin API's JSON for fault rules, e.g.
 * {@code {"kind":"status","status":503,"pathPrefix":"/org/","times":3}},
 * {@code {"kind":"latency","delayMillis":500,"share":0.5,"durationSeconds":60}},
 * {@code {"kind":"reset","every":4}}.
 */
final class FaultRuleJson {

    private static final Set<String> COMMON = Set.of("kind", "pathPrefix", "share", "every", "times",
            "durationSeconds");

    private FaultRuleJson() {
    }

    static FaultRule parse(JsonBody body) {
        Fault fault = fault(body);
        try {
            FaultRule rule = FaultRule.of(fault).onPathsStartingWith(body.optionalText("pathPrefix").orElse("/"));
            rule = selection(body, rule);
            OptionalLong times = body.optionalWhole("times");
            rule = times.isPresent() ? rule.times(times.getAsLong()) : rule;
            OptionalLong seconds = body.optionalWhole("durationSeconds");
            return seconds.isPresent() ? rule.lasting(Duration.ofSeconds(seconds.getAsLong())) : rule;
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static Fault fault(JsonBody body) {
        String kind = body.text("kind");
        try {
            switch (kind) {
                case "status" -> {
                    return status(body.allowOnly(with("status", "retryAfterSeconds")));
                }
                case "latency" -> {
                    body.allowOnly(with("delayMillis"));
                    return new Fault.Latency(Duration.ofMillis(body.whole("delayMillis")));
                }
                case "reset" -> {
                    body.allowOnly(COMMON);
                    return new Fault.Reset();
                }
                default -> throw new BadRequest("unknown kind '" + kind + "'; expected status, latency or reset");
            }
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static Fault.Status status(JsonBody body) {
        OptionalLong seconds = body.optionalWhole("retryAfterSeconds");
        Optional<Duration> retryAfter = seconds.isPresent()
                ? Optional.of(Duration.ofSeconds(seconds.getAsLong())) : Optional.empty();
        return new Fault.Status(body.wholeInt("status"), retryAfter);
    }

    private static FaultRule selection(JsonBody body, FaultRule rule) {
        OptionalDouble share = body.optionalNumber("share");
        boolean every = body.optionalWhole("every").isPresent();
        if (share.isPresent() && every) {
            throw new BadRequest("give either 'share' or 'every', not both");
        }
        if (every) {
            return rule.everyNth(body.wholeInt("every"));
        }
        return share.isPresent() ? rule.share(share.getAsDouble()) : rule;
    }

    private static Set<String> with(String... extra) {
        Set<String> names = new HashSet<>(COMMON);
        names.addAll(Set.of(extra));
        return names;
    }

    static Map<String, Object> render(ArmedFault armed) {
        FaultRule rule = armed.rule();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", armed.id());
        json.put("kind", rule.fault().kind());
        if (rule.fault() instanceof Fault.Status status) {
            json.put("status", status.status());
            status.retryAfter().ifPresent(after -> json.put("retryAfterSeconds", after.toSeconds()));
        } else if (rule.fault() instanceof Fault.Latency latency) {
            json.put("delayMillis", latency.delay().toMillis());
        }
        json.put("pathPrefix", rule.pathPrefix());
        if (rule.selection() instanceof FaultRule.Selection.EveryNth every) {
            json.put("every", every.n());
        } else if (rule.selection() instanceof FaultRule.Selection.Share share) {
            json.put("share", share.share());
        }
        rule.times().ifPresent(times -> json.put("times", times));
        armed.remaining().ifPresent(remaining -> json.put("remaining", remaining));
        armed.expiresAt().ifPresent(at -> json.put("expiresAt", at.toString()));
        json.put("injected", armed.injected());
        return json;
    }
}
