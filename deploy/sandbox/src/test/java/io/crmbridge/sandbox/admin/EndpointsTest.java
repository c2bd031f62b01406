package io.crmbridge.sandbox.admin;

import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointsTest {

    private static final HandlerFunction<ServerResponse> OK = request -> ServerResponse.ok().build();

    @Test
    void listsMethodAndPathOfEachRouteNestedAndFilteredOnesIncluded() {
        RouterFunction<ServerResponse> routes = RouterFunctions.route()
                .GET("/admin/clock", OK)
                .path("/admin/dataverse", nested -> nested.POST("/orgs/{org}/break-delta-tokens", OK))
                .build()
                .and(RouterFunctions.route().DELETE("/admin/faults/{id}", OK).build()
                        .filter((request, next) -> next.handle(request)));

        assertThat(Endpoints.of(routes)).containsExactly("GET /admin/clock",
                "POST /admin/dataverse/orgs/{org}/break-delta-tokens", "DELETE /admin/faults/{id}");
    }
}
