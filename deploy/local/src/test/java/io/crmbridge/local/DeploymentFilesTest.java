package io.crmbridge.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the deployment files under deploy/compose, deploy/k8s and deploy/observability without Docker, Kubernetes
 * or a network: they parse, wire what the services need, and alert on metrics the code really registers. The test
 * runs with the module directory (deploy/local) as working directory.
 */
class DeploymentFilesTest {

    private static final Path DEPLOY = Path.of("..");
    private static final Path COMPOSE = DEPLOY.resolve("compose");
    private static final Path K8S = DEPLOY.resolve("k8s");
    private static final Path OBSERVABILITY = DEPLOY.resolve("observability");
    private static final Path PROJECT = DEPLOY.resolve("..");
    private static final List<String> SERVICES = List.of("token-service", "poller-service", "action-service");
    private static final Pattern PROMETHEUS_METRIC = Pattern.compile("\\bcrmbridge_[a-z0-9_]+");
    private static final Pattern MICROMETER_METER =
            Pattern.compile("(?:builder|counter|timer|gauge|summary)\\(\\s*\"(crmbridge\\.[a-z0-9_.]+)\"");
    private static final List<String> PROMETHEUS_SUFFIXES =
            List.of("_total", "_seconds", "_seconds_max", "_seconds_count", "_seconds_sum", "_seconds_bucket",
                    "_max", "_count", "_sum", "_bucket");

    @Test
    void everyYamlAndJsonFileParses() {
        List<Path> files = deploymentFiles();
        assertThat(files).extracting(Path::toString).anyMatch(name -> name.endsWith("docker-compose.yml"))
                .anyMatch(name -> name.endsWith("kustomization.yaml")).anyMatch(name -> name.endsWith("alerts.yml"))
                .anyMatch(name -> name.endsWith("grafana-dashboard.json"));
        for (Path file : files) {
            if (file.toString().endsWith(".json")) {
                assertThat(json(file).isObject()).as(file.toString()).isTrue();
            } else {
                assertThat(yamlDocuments(file)).as(file.toString()).isNotEmpty().doesNotContainNull();
            }
        }
    }

    @Test
    void composeRunsAKraftBrokerTheRegistryTheThreeServicesAndPrometheus() {
        Map<String, Object> services = map(composeFile(), "services");
        assertThat(services).containsKeys("kafka", "schema-registry", "token-service", "poller-service",
                "action-service", "prometheus");
        Map<String, Object> kafka = map(services, "kafka");
        Map<String, Object> kafkaEnv = map(kafka, "environment");
        assertThat(kafka.get("image")).isEqualTo("apache/kafka:4.1.1");
        assertThat(kafkaEnv.get("KAFKA_PROCESS_ROLES").toString()).contains("broker").contains("controller");
        assertThat(kafkaEnv.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")).isEqualTo(1);
        assertThat(map(services, "schema-registry").get("image").toString()).startsWith("confluentinc/cp-schema-registry");
    }

    @Test
    void composeBuildsEachServiceFromItsExecJarAndWiresKafkaTheRegistryAndTheTokenKey() throws IOException {
        Map<String, Object> services = map(composeFile(), "services");
        for (String service : SERVICES) {
            Map<String, Object> definition = map(services, service);
            Map<String, Object> build = map(definition, "build");
            assertThat(map(build, "args")).containsEntry("MODULE", service);
            assertThat(COMPOSE.resolve(build.get("context").toString()).resolve(build.get("dockerfile").toString()))
                    .isRegularFile();
            Map<String, Object> env = map(definition, "environment");
            assertThat(env).as(service).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                    .containsEntry("SCHEMA_REGISTRY_URL", "http://schema-registry:8081")
                    .containsKeys("CRMBRIDGE_TOKEN_KEY", "CRMBRIDGE_TOKENENCRYPTION_KEYS_K1");
            assertThat(healthcheck(definition)).as(service).contains("/actuator/health/readiness");
        }
        assertThat(map(map(services, "token-service"), "environment"))
                .containsKeys("CRMBRIDGE_ADMIN_PASSWORD", "CRMBRIDGE_PUBLIC_URL");
        assertThat(map(map(services, "poller-service"), "environment")).as("the subscriptions API's login")
                .containsKeys("CRMBRIDGE_ADMIN_PASSWORD");
        assertThat(Files.readString(COMPOSE.resolve("Dockerfile"))).contains("FROM eclipse-temurin:17-jre")
                .contains("-exec.jar");
    }

    @Test
    void composeTakesSecretsFromTheEnvironmentAndTheExampleHoldsNoValues() throws IOException {
        Map<String, Object> services = map(composeFile(), "services");
        for (Object definition : services.values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) definition)
                    .getOrDefault("environment", Map.of());
            env.forEach((name, value) -> {
                if (isSecretName(name) && !name.endsWith("_ID")) {
                    assertThat(value.toString()).as(name).startsWith("${");
                }
            });
        }
        List<String> secretLines = Files.readAllLines(COMPOSE.resolve(".env.example")).stream()
                .filter(line -> !line.startsWith("#") && line.contains("=")).filter(line -> isSecretName(line))
                .filter(line -> !line.startsWith("CRMBRIDGE_TOKEN_KEY_ID")).toList();
        assertThat(secretLines).isNotEmpty().allMatch(line -> line.endsWith("="));
    }

    @Test
    void composePrometheusLoadsTheScrapeConfigAndTheAlertRules() {
        Map<String, Object> prometheus = map(map(composeFile(), "services"), "prometheus");
        List<String> mounts = strings(prometheus.get("volumes"));
        assertThat(mounts).contains("../observability/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                "../observability/alerts.yml:/etc/prometheus/alerts.yml:ro");
        for (String mount : mounts) {
            assertThat(COMPOSE.resolve(mount.split(":")[0])).isRegularFile();
        }
        Map<String, Object> config = yaml(OBSERVABILITY.resolve("prometheus.yml"));
        assertThat(strings(config.get("rule_files"))).contains("/etc/prometheus/alerts.yml");
        List<Map<String, Object>> jobs = maps(config.get("scrape_configs"));
        assertThat(jobs).allSatisfy(job -> assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus"));
        String targets = jobs.stream().map(job -> job.get("static_configs").toString()).collect(Collectors.joining());
        assertThat(targets).contains("token-service:8080", "poller-service:8080", "action-service:8080");
    }

    @Test
    void everyKubernetesWorkloadHasActuatorProbesMemoryLimitsAndSecretReferences() {
        List<Map<String, Object>> workloads = k8sResources().stream()
                .filter(resource -> Set.of("Deployment", "StatefulSet").contains(resource.get("kind"))).toList();
        assertThat(workloads).extracting(DeploymentFilesTest::name).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (Map<String, Object> workload : workloads) {
            for (Map<String, Object> container : maps(map(map(map(workload, "spec"), "template"), "spec")
                    .get("containers"))) {
                assertThat(probePath(container, "livenessProbe")).isEqualTo("/actuator/health/liveness");
                assertThat(probePath(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
                assertThat(map(map(container, "resources"), "limits")).containsEntry("memory", "512Mi")
                        .containsKey("cpu");
                assertThat(container.get("env").toString()).contains("-Xmx256m")
                        .contains("secretKeyRef={name=crmbridge-secrets, key=token-key}");
            }
        }
        assertThat(workloads).filteredOn(workload -> name(workload).equals("action-service"))
                .extracting(workload -> workload.get("kind")).containsExactly("StatefulSet");
        assertThat(k8sResources()).extracting(resource -> resource.get("kind")).doesNotContain("Secret");
    }

    @Test
    void everyKubernetesServiceHasAServiceAndAConfigMapWithItsYmlOverrides() {
        List<Map<String, Object>> resources = k8sResources();
        for (String service : SERVICES) {
            assertThat(resources).anyMatch(r -> "Service".equals(r.get("kind")) && name(r).equals(service));
            Map<String, Object> configMap = resources.stream()
                    .filter(r -> "ConfigMap".equals(r.get("kind")) && name(r).equals(service + "-config"))
                    .findFirst().orElseThrow();
            Object overrides = new Yaml().load(map(configMap, "data").get(service + ".yml").toString());
            assertThat(overrides).as(service).isInstanceOf(Map.class);
        }
    }

    @Test
    void theKustomizationListsEveryManifest() throws IOException {
        Set<String> manifests;
        try (Stream<Path> files = Files.list(K8S)) {
            manifests = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".yaml"))
                    .filter(name -> !name.equals("kustomization.yaml")).collect(Collectors.toSet());
        }
        assertThat(strings(yaml(K8S.resolve("kustomization.yaml")).get("resources")))
                .containsExactlyInAnyOrderElementsOf(manifests);
    }

    @Test
    void everyAlertRuleHasAnExpressionADurationASeverityASummaryAndTheRunbook() {
        List<Map<String, Object>> rules = alertRules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(7);
        for (Map<String, Object> rule : rules) {
            assertThat(rule).as(rule.get("alert").toString()).containsKeys("alert", "expr", "for");
            assertThat(map(rule, "labels").get("severity")).isIn("critical", "warning");
            assertThat(map(rule, "annotations")).containsKey("summary")
                    .containsEntry("runbook_url", "README.md#reconnect-runbook");
        }
    }

    @Test
    void theAlertsCoverExpiredConnectionsRefreshFailuresLagPollerErrorsResyncsFailingCaptureDeadLettersAndWaiting() {
        String expressions = alertRules().stream().map(rule -> rule.get("expr").toString())
                .collect(Collectors.joining("\n"));
        assertThat(expressions).contains("crmbridge_token_connection_state{state=\"EXPIRED\"}",
                "crmbridge_token_refresh_failures_total", "crmbridge_poller_lag_seconds",
                "crmbridge_poller_errors_total", "crmbridge_poller_resyncs_total", "crmbridge_poller_failing",
                "crmbridge_action_dead_letters_total", "crmbridge_action_waiting");
    }

    @Test
    void theDashboardShowsStatesExpiryPublishedChangesLagResultsDeadLettersAndWaitingCommands() {
        String expressions = String.join("\n", dashboardExpressions());
        assertThat(expressions).contains("crmbridge_token_connection_state",
                "crmbridge_token_access_token_expires_in_seconds", "crmbridge_poller_changes_published_total",
                "crmbridge_poller_lag_seconds", "crmbridge_poller_resyncs_total", "crmbridge_poller_failing",
                "crmbridge_action_results_total", "crmbridge_action_dead_letters_total", "crmbridge_action_waiting");
    }

    @Test
    void everyMetricInTheAlertsAndTheDashboardIsRegisteredByTheCode() {
        Set<String> registered = registeredMeters();
        assertThat(registered).contains("crmbridge_token_connection_state", "crmbridge_poller_lag");
        Set<String> used = new TreeSet<>();
        alertRules().forEach(rule -> used.addAll(metricsIn(rule.get("expr").toString())));
        dashboardExpressions().forEach(expr -> used.addAll(metricsIn(expr)));
        assertThat(used).hasSizeGreaterThanOrEqualTo(10);
        assertThat(used).allSatisfy(metric -> assertThat(isRegistered(metric, registered))
                .as("%s is registered by the code (meters found: %s)", metric, registered).isTrue());
    }

    @Test
    void aPrometheusNameMatchesItsMicrometerMeterOnlyThroughAKnownSuffix() {
        Set<String> registered = Set.of("crmbridge_poller_lag", "crmbridge_action_results");
        assertThat(isRegistered("crmbridge_poller_lag_seconds", registered)).isTrue();
        assertThat(isRegistered("crmbridge_action_results_total", registered)).isTrue();
        assertThat(isRegistered("crmbridge_action_result_total", registered)).isFalse();
        assertThat(isRegistered("crmbridge_poller_lag_minutes", registered)).isFalse();
    }

    private static boolean isRegistered(String metric, Set<String> registered) {
        return registered.contains(metric) || PROMETHEUS_SUFFIXES.stream().filter(metric::endsWith)
                .anyMatch(suffix -> registered.contains(metric.substring(0, metric.length() - suffix.length())));
    }

    private static Set<String> metricsIn(String expression) {
        Set<String> metrics = new TreeSet<>();
        Matcher matcher = PROMETHEUS_METRIC.matcher(expression);
        while (matcher.find()) {
            metrics.add(matcher.group());
        }
        return metrics;
    }

    /** Micrometer meter names in the services' main sources, in Prometheus form without unit or type suffix. */
    private static Set<String> registeredMeters() {
        Set<String> meters = new TreeSet<>();
        for (String module : SERVICES) {
            try (Stream<Path> sources = Files.walk(PROJECT.resolve(module).resolve("src/main/java"))) {
                sources.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                    Matcher matcher = MICROMETER_METER.matcher(read(file));
                    while (matcher.find()) {
                        meters.add(matcher.group(1).replace('.', '_'));
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return meters;
    }

    private static List<String> dashboardExpressions() {
        List<String> expressions = new ArrayList<>();
        JsonNode panels = json(OBSERVABILITY.resolve("grafana-dashboard.json")).get("panels");
        assertThat(panels.isArray() && !panels.isEmpty()).isTrue();
        for (JsonNode panel : panels) {
            JsonNode targets = panel.get("targets");
            assertThat(targets.isEmpty()).as(panel.get("title").asString()).isFalse();
            targets.forEach(target -> expressions.add(target.get("expr").asString()));
        }
        return expressions;
    }

    private static List<Map<String, Object>> alertRules() {
        return maps(yaml(OBSERVABILITY.resolve("alerts.yml")).get("groups")).stream()
                .flatMap(group -> maps(group.get("rules")).stream()).toList();
    }

    private static List<Map<String, Object>> k8sResources() {
        return strings(yaml(K8S.resolve("kustomization.yaml")).get("resources")).stream()
                .flatMap(file -> yamlDocuments(K8S.resolve(file)).stream()).map(DeploymentFilesTest::asMap).toList();
    }

    private static String probePath(Map<String, Object> container, String probe) {
        return map(map(container, probe), "httpGet").get("path").toString();
    }

    private static String healthcheck(Map<String, Object> service) {
        return map(service, "healthcheck").get("test").toString();
    }

    private static String name(Map<String, Object> resource) {
        return map(resource, "metadata").get("name").toString();
    }

    private static boolean isSecretName(String name) {
        return name.contains("_KEY") || name.contains("PASSWORD");
    }

    private static Map<String, Object> composeFile() {
        return yaml(COMPOSE.resolve("docker-compose.yml"));
    }

    private static List<Path> deploymentFiles() {
        List<Path> files = new ArrayList<>();
        for (Path directory : List.of(COMPOSE, K8S, OBSERVABILITY)) {
            try (Stream<Path> walk = Files.walk(directory)) {
                walk.filter(Files::isRegularFile).filter(file -> file.toString().matches(".*\\.(ya?ml|json)$"))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static Map<String, Object> yaml(Path file) {
        return asMap(new Yaml().load(read(file)));
    }

    private static List<Object> yamlDocuments(Path file) {
        List<Object> documents = new ArrayList<>();
        new Yaml().loadAll(read(file)).forEach(documents::add);
        return documents;
    }

    private static JsonNode json(Path file) {
        return JsonMapper.builder().build().readTree(read(file));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return asMap(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return ((List<Object>) value).stream().map(DeploymentFilesTest::asMap).toList();
    }

    private static List<String> strings(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return ((List<?>) value).stream().map(Object::toString).toList();
    }
}
