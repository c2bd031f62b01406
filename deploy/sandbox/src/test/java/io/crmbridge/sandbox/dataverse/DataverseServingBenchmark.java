package io.crmbridge.sandbox.dataverse;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.crmbridge.sandbox.Sandbox;
import io.crmbridge.sandbox.SandboxSettings;
import io.crmbridge.sandbox.SandboxTls;

/**
 * Not a test: measures how fast the sandbox serves (a) change-tracking reads (full sync of 200k rows in 5,000-row
 * pages, then a delta of 50k changes) and (b) writes through {@code $batch} of 1,000 creates, over HTTPS with the
 * JDK HttpClient in the same JVM, and (c) the same server code paths without HTTP and TLS. Every figure comes with
 * the process CPU time it took, so runs on a shared machine can be compared. Run with
 * {@code java -cp <test classpath> io.crmbridge.sandbox.dataverse.DataverseServingBenchmark [rows]}.
 */
public final class DataverseServingBenchmark {

    private static final Pattern NEXT = Pattern.compile("\"@odata\\.nextLink\":\"([^\"]+)\"");
    private static final Pattern DELTA = Pattern.compile("\"@odata\\.deltaLink\":\"([^\"]+)\"");
    private static final byte[] ETAG = "\"@odata.etag\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DELETED = "\"reason\":\"deleted\"".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults())) {
            Org org = sandbox.dataverse().org("bench");
            org.throttle(ServiceProtectionLimits.defaults().withRequests(1_000_000, java.time.Duration.ofSeconds(300)));
            String api = org.apiUrl() + "/";
            String token = sandbox.appAccessToken(org.url());
            HttpClient http = HttpClient.newBuilder().sslContext(SandboxTls.sslContext())
                    .version(HttpClient.Version.HTTP_1_1).build();
            List<UUID> ids = seed(org.table("account"), rows);
            String select = "accounts?$select=name,accountnumber,revenue,numberofemployees,industrycode,"
                    + "telephone1,address1_city,modifiedon";
            for (int round = 1; round <= 3; round++) {
                report("(mark)", 0, System.nanoTime(), 0);
                long start = System.nanoTime();
                Read sync = read(http, token, api + select, rows);
                report("full sync round " + round + " (8 columns)", sync.rows, start, sync.bytes);
                start = System.nanoTime();
                Read all = read(http, token, api + "accounts", rows);
                report("full sync round " + round + " (all columns)", all.rows, start, all.bytes);
                if (round == 3) {
                    int changes = Math.min(50_000, rows / 3);
                    changes(org.table("account"), ids, changes);
                    report("(mark)", 0, System.nanoTime(), 0);
                    start = System.nanoTime();
                    Read delta = read(http, token, sync.deltaLink, changes);
                    report(String.format("delta of %,d changes (4/5 updates, 1/5 deletes)", changes), delta.rows,
                            start, delta.bytes);
                }
            }
            writes(http, token, api, 2, 40);
            for (int clients : new int[] {1, 2, 4}) {
                writes(http, token, api, clients, 60);
            }
            System.out.println("request counts: " + org.requestCounts());
            serverOnly(org, select);
        }
    }

    /** The Web API without transport: one thread, its own CPU time, bodies written to memory. */
    private static void serverOnly(Org org, String select) throws Exception {
        WebApi api = new WebApi();
        String apiBase = org.apiUrl();
        Map<String, String> batchHeaders = ApiRequest.headerMap();
        batchHeaders.put("Content-Type", "multipart/mixed; boundary=batch_bench");
        Map<String, String> trackHeaders = ApiRequest.headerMap();
        trackHeaders.put("Prefer", "odata.track-changes");
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 3; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            for (int b = 0; b < 20; b++) {
                ApiResponse response = api.handle(ApiRequest.of("POST", "$batch", null, batchHeaders,
                        batch(apiBase + "/", "server-" + round + "-" + b).getBytes(StandardCharsets.UTF_8), org,
                        apiBase, "bench"));
                response.body().writeTo(java.io.OutputStream.nullOutputStream());
            }
            double seconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            System.out.printf("server only, round %d: $batch %,.0f writes per CPU-second%n", round, 20_000 / seconds);
            cpu = threads.getCurrentThreadCpuTime();
            String query = select.substring(select.indexOf('?') + 1);
            String skipToken = null;
            int rows = 0;
            do {
                ApiResponse response = api.handle(ApiRequest.of("GET", "accounts",
                        skipToken == null ? query : query + "&$skiptoken=" + skipToken, trackHeaders, new byte[0],
                        org, apiBase, "bench"));
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(4 << 20);
                response.body().writeTo(out);
                byte[] body = out.toByteArray();
                rows += count(body, ETAG);
                Matcher next = NEXT.matcher(new String(body, Math.max(0, body.length - 4096),
                        Math.min(4096, body.length), StandardCharsets.UTF_8));
                skipToken = next.find() ? next.group(1).substring(next.group(1).indexOf("$skiptoken=") + 11) : null;
            } while (skipToken != null);
            seconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            System.out.printf("server only, round %d: change-tracking pages %,.0f rows per CPU-second (%,d rows)%n",
                    round, rows / seconds, rows);
        }
    }

    private record Read(int rows, long bytes, String deltaLink) {
    }

    private static List<UUID> seed(Table table, int rows) {
        long start = System.nanoTime();
        List<UUID> ids = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            ids.add(table.create(Map.of("name", "Account " + i, "accountnumber", "AC-" + i,
                    "revenue", BigDecimal.valueOf(1_000_000L + i, 2), "numberofemployees", i % 5000,
                    "industrycode", 1 + i % 7, "telephone1", "+1 555 " + i, "address1_city", "Seattle")));
        }
        report("seed through the in-process Table API", rows, start, 0);
        return ids;
    }

    private static void changes(Table table, List<UUID> ids, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            UUID id = ids.get(i * 3);
            if (i % 5 == 4) {
                table.delete(id);
            } else {
                table.update(id, Map.of("name", "Changed " + i));
            }
        }
        report("in-process changes for the delta", count, start, 0);
    }

    private static Read read(HttpClient http, String token, String first, int expected) throws Exception {
        String url = first;
        int rows = 0;
        long bytes = 0;
        while (true) {
            HttpResponse<byte[]> page = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token)
                    .header("Prefer", "odata.track-changes, odata.maxpagesize=5000").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("page answered " + page.statusCode());
            }
            byte[] body = page.body();
            bytes += body.length;
            rows += count(body, ETAG) + count(body, DELETED);
            String tail = new String(body, Math.max(0, body.length - 4096), Math.min(4096, body.length),
                    StandardCharsets.UTF_8);
            String head = new String(body, 0, Math.min(1024, body.length), StandardCharsets.UTF_8);
            Matcher next = NEXT.matcher(tail);
            if (next.find()) {
                url = next.group(1);
                continue;
            }
            Matcher delta = DELTA.matcher(head);
            if (rows < expected || !delta.find()) {
                throw new IllegalStateException("read " + rows + " rows, expected " + expected);
            }
            return new Read(rows, bytes, delta.group(1));
        }
    }

    private static void writes(HttpClient http, String token, String api, int clients, int batches) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            bodies.add(batch(api, clients + "-" + i + "-" + System.nanoTime()));
        }
        report("(mark)", 0, System.nanoTime(), 0);
        long start = System.nanoTime();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int c = client;
            running.add(CompletableFuture.runAsync(() -> {
                for (int b = 0; b < batches / clients; b++) {
                    send(http, token, api, bodies.get(c * (batches / clients) + b));
                }
            }));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        int writes = (batches / clients) * clients * 1000;
        report("$batch of 1,000 creates, " + clients + " client(s)", writes, start, 0);
    }

    private static void send(HttpClient http, String token, String api, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "$batch"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/mixed; boundary=batch_bench")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("batch answered " + response.statusCode() + ": "
                        + response.body().substring(0, Math.min(500, response.body().length())));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String batch(String api, String prefix) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            body.append("--batch_bench\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                    .append("POST ").append(api).append("cr123_projects HTTP/1.1\r\n")
                    .append("Content-Type: application/json; type=entry\r\n\r\n")
                    .append("{\"cr123_name\":\"Project ").append(prefix).append('-').append(i)
                    .append("\",\"cr123_budget\":12345.67,\"cr123_hours\":").append(i)
                    .append(",\"cr123_stage\":100000001,\"cr123_isbillable\":true}\r\n");
        }
        return body.append("--batch_bench--\r\n").toString();
    }

    private static int count(byte[] body, byte[] needle) {
        int count = 0;
        outer:
        for (int i = 0; i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            count++;
            i += needle.length - 1;
        }
        return count;
    }

    private static long cpuMark = processCpuNanos();
    private static long serverMark = serverCpuNanos();

    private static void report(String what, long count, long startNanos, long bytes) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long cpu = processCpuNanos();
        long server = serverCpuNanos();
        double cpuSeconds = (cpu - cpuMark) / 1e9;
        double serverSeconds = (server - serverMark) / 1e9;
        cpuMark = cpu;
        serverMark = server;
        if (count == 0) {
            return;
        }
        System.out.printf("%-52s %,9d in %6.2f s = %,9.0f /s  (CPU: process %5.2f s, server threads %5.2f s = "
                        + "%,.0f /server-CPU-s%s)%n", what, count, seconds, count / seconds, cpuSeconds, serverSeconds,
                count / Math.max(serverSeconds, 1e-9), bytes > 0 ? String.format(", %,.1f MB", bytes / 1e6) : "");
    }

    /** CPU time of the sandbox's Reactor Netty event loops: the server's share, TLS included. */
    private static long serverCpuNanos() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("reactor-http")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** CPU time of the whole JVM: client, server, TLS on both ends, GC and JIT. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
