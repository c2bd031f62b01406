package io.crmbridge.sandbox.traffic;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Plausible column values for the sandbox's tables; alternate-key columns get unique values (from a sequence) so
 * that generated creates never collide.
 */
final class SampleValues {

    private static final List<String> NAMES = List.of("Contoso", "Fabrikam", "Northwind", "Adventure Works",
            "Litware", "Tailspin", "Wingtip", "Proseware", "Woodgrove", "Alpine Ski House");
    private static final List<String> FIRST = List.of("Ana", "Ben", "Chen", "Dana", "Eli", "Fatima", "Gus", "Hana");
    private static final List<String> LAST = List.of("Smith", "Garcia", "Kim", "Novak", "Okafor", "Rossi", "Tanaka");

    private SampleValues() {
    }

    static Map<String, Object> forCreate(String table, long sequence) {
        Map<String, Object> values = forUpdate(table);
        switch (table) {
            case "account" -> values.put("accountnumber", "TG-" + sequence);
            case "contact" -> values.put("emailaddress1", "person" + sequence + "@example.com");
            case "cr123_project" -> values.put("cr123_code", "P-" + sequence);
            default -> {
            }
        }
        return values;
    }

    static Map<String, Object> forUpdate(String table) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, Object> values = new HashMap<>();
        switch (table) {
            case "account" -> {
                values.put("name", pick(NAMES) + " " + random.nextInt(1000));
                values.put("revenue", BigDecimal.valueOf(random.nextLong(1_000_000_00), 2));
                values.put("numberofemployees", random.nextInt(1, 50_000));
                values.put("industrycode", random.nextInt(1, 8));
            }
            case "contact" -> {
                values.put("firstname", pick(FIRST));
                values.put("lastname", pick(LAST));
                values.put("jobtitle", "Buyer " + random.nextInt(100));
            }
            case "lead" -> {
                values.put("subject", "Interested in " + pick(NAMES));
                values.put("firstname", pick(FIRST));
                values.put("lastname", pick(LAST));
                values.put("leadqualitycode", random.nextInt(1, 4));
            }
            case "opportunity" -> {
                values.put("name", "Deal " + random.nextInt(100_000));
                values.put("estimatedvalue", BigDecimal.valueOf(random.nextLong(10_000_00), 2));
                values.put("closeprobability", random.nextInt(101));
            }
            case "cr123_project" -> {
                values.put("cr123_name", "Project " + random.nextInt(100_000));
                values.put("cr123_budget", BigDecimal.valueOf(random.nextLong(5_000_000), 2));
                values.put("cr123_hours", random.nextInt(1, 2000));
                values.put("cr123_stage", 100_000_000 + random.nextInt(3));
            }
            default -> throw new IllegalArgumentException("no sample values for table " + table);
        }
        return values;
    }

    private static String pick(List<String> options) {
        return options.get(ThreadLocalRandom.current().nextInt(options.size()));
    }
}
