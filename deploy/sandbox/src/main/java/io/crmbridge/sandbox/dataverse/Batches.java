package io.crmbridge.sandbox.dataverse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a {@code $batch} (reference §4): operations in order; each change set in one transaction, rolled back
 * when one of its operations fails, with {@code $n} Content-ID references in URLs and bodies; at most 1,000
 * requests; without {@code Prefer: odata.continue-on-error} the batch stops at the first failure and answers 400
 * with only that part, with it every part is answered and the batch answers 200.
 */
final class Batches {

    private static final Pattern BODY_REFERENCE = Pattern.compile("\"\\$(\\d+)\"");
    private static final Pattern URL_REFERENCE = Pattern.compile("^\\$(\\d+)(.*)$");

    private final Function<ApiRequest, ApiResponse> dispatcher;

    /** Thrown inside a change set's transaction so that it rolls back; carries the failing part's answer. */
    private static final class ChangeSetFailed extends RuntimeException {
        private final BatchResponse.Answer answer;

        ChangeSetFailed(BatchResponse.Answer answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    Batches(Function<ApiRequest, ApiResponse> dispatcher) {
        this.dispatcher = dispatcher;
    }

    ApiResponse execute(ApiRequest request) {
        if (request.batchPart()) {
            throw DataverseError.badRequest("A batch request can't contain another batch request.");
        }
        if (!request.method().equals("POST")) {
            throw DataverseError.methodNotAllowed(request.method());
        }
        BatchRequest batch = BatchRequest.parse(request.header("Content-Type"), request.body());
        if (batch.size() > DataverseSettings.MAX_BATCH_REQUESTS) {
            throw DataverseError.badRequest("Number of requests in a batch request exceeded the limit of "
                    + DataverseSettings.MAX_BATCH_REQUESTS + ".");
        }
        request.org().counter().batchOperations(batch.size());
        boolean continueOnError = request.prefer().continueOnError();
        List<BatchResponse.Part> parts = new ArrayList<>();
        for (BatchRequest.Item item : batch.items()) {
            BatchResponse.Part part = item instanceof BatchRequest.ChangeSet changeSet
                    ? changeSet(request, changeSet)
                    : new BatchResponse.Answer(null, operation(request, (BatchRequest.Operation) item,
                    TransactionScope.standalone(request.org()), Map.of()));
            if (failed(part) && !continueOnError) {
                return respond(400, List.of(part));
            }
            parts.add(part);
        }
        return respond(200, parts);
    }

    private BatchResponse.Part changeSet(ApiRequest request, BatchRequest.ChangeSet changeSet) {
        try {
            List<BatchResponse.Answer> answers = request.org().write(tx -> {
                Map<String, String> references = new HashMap<>();
                List<BatchResponse.Answer> done = new ArrayList<>();
                for (BatchRequest.Operation operation : changeSet.operations()) {
                    ApiResponse response = operation.method().equals("GET")
                            ? ApiResponse.error(DataverseError.badRequest("GET requests are not allowed in a change set."))
                            : operation(request, operation, TransactionScope.joining(tx), references);
                    BatchResponse.Answer answer = new BatchResponse.Answer(operation.contentId(), response);
                    if (response.failed()) {
                        throw new ChangeSetFailed(answer);
                    }
                    if (operation.contentId() != null && response.entityUrl() != null) {
                        references.put(operation.contentId(), response.entityUrl());
                    }
                    done.add(answer);
                }
                return done;
            });
            return new BatchResponse.ChangeSetAnswers(answers);
        } catch (ChangeSetFailed failure) {
            boolean onePart = request.org().settings().failedChangeSetAsOnePart();
            return onePart ? new BatchResponse.Answer(null, failure.answer.response())
                    : new BatchResponse.ChangeSetAnswers(List.of(failure.answer));
        }
    }

    private ApiResponse operation(ApiRequest batch, BatchRequest.Operation operation, TransactionScope scope,
                                  Map<String, String> references) {
        try {
            String url = resolve(operation.url(), references);
            String path = url;
            int api = url.indexOf("/api/data/v");
            if (api >= 0) {
                int slash = url.indexOf('/', api + "/api/data/v".length());
                path = slash < 0 ? "" : url.substring(slash + 1);
            }
            while (path.startsWith("/")) {
                path = path.substring(1);
            }
            int question = path.indexOf('?');
            String query = question < 0 ? null : path.substring(question + 1);
            path = ApiRequest.decodePath(question < 0 ? path : path.substring(0, question));
            byte[] body = mayReference(operation.body()) ? resolveBody(operation.body(), references) : operation.body();
            return dispatcher.apply(batch.part(operation.method(), path, query, operation.headers(), body, scope));
        } catch (DataverseError error) {
            return ApiResponse.error(error);
        } catch (IllegalArgumentException badEncoding) {
            return ApiResponse.error(DataverseError.badRequest("The request URL is not properly encoded."));
        }
    }

    /** True if the body has a string starting with {@code $}: only then is it searched for references. */
    private static boolean mayReference(byte[] body) {
        for (int i = 0; i + 1 < body.length; i++) {
            if (body[i] == '"' && body[i + 1] == '$') {
                return true;
            }
        }
        return false;
    }

    private static String resolve(String url, Map<String, String> references) {
        Matcher matcher = URL_REFERENCE.matcher(url);
        if (!matcher.matches()) {
            return url;
        }
        return reference(references, matcher.group(1)) + matcher.group(2);
    }

    private static byte[] resolveBody(byte[] body, Map<String, String> references) {
        Matcher matcher = BODY_REFERENCE.matcher(new String(body, StandardCharsets.UTF_8));
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(resolved,
                    Matcher.quoteReplacement("\"" + reference(references, matcher.group(1)) + "\""));
        }
        matcher.appendTail(resolved);
        return resolved.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String reference(Map<String, String> references, String id) {
        String url = references.get(id);
        if (url == null) {
            throw DataverseError.badRequest("Content-ID Reference: '$" + id + "' does not exist in the batch context.");
        }
        return url;
    }

    private static boolean failed(BatchResponse.Part part) {
        return part instanceof BatchResponse.Answer answer ? answer.response().failed()
                : ((BatchResponse.ChangeSetAnswers) part).answers().stream().anyMatch(a -> a.response().failed());
    }

    private static ApiResponse respond(int status, List<BatchResponse.Part> parts) {
        BatchResponse response = new BatchResponse();
        return ApiResponse.raw(status, response.contentType(), response.body(parts));
    }
}
