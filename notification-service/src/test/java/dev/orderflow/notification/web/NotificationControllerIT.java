package dev.orderflow.notification.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.notification.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

class NotificationControllerIT extends IntegrationTest {

    @Test
    void listsNothingForAnUnknownOrder() {
        assertThat(mvc.get().uri("/api/notifications?orderId={id}", newOrderId()))
                .hasStatusOk().bodyJson().isEqualTo("[]");
    }

    @Test
    void rejectsAMissingOrderIdAsAProblem() {
        assertThat(mvc.get().uri("/api/notifications"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.status", status -> assertThat(status).asNumber().isEqualTo(400))
                .hasPathSatisfying("$.title", title -> assertThat(title).asString().isEqualTo("Bad Request"))
                .hasPathSatisfying("$.detail", detail -> assertThat(detail).asString().contains("orderId"))
                .hasPathSatisfying("$.type", type -> assertThat(type).asString().isEqualTo("about:blank"));
    }

    @Test
    void rejectsAnOrderIdThatIsNotAUuidAsAProblem() {
        assertThat(mvc.get().uri("/api/notifications?orderId=42"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.status", status -> assertThat(status).asNumber().isEqualTo(400))
                .hasPathSatisfying("$.detail", detail -> assertThat(detail).asString().contains("orderId", "42"))
                .hasPathSatisfying("$.title", title -> assertThat(title).asString().isEqualTo("Bad Request"))
                .hasPathSatisfying("$.type", type -> assertThat(type).asString().isEqualTo("about:blank"));
    }

    @Test
    void answersAnUnknownPathWithANotFoundProblem() {
        assertThat(mvc.get().uri("/api/no-such-thing"))
                .hasStatus(HttpStatus.NOT_FOUND)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.status", status -> assertThat(status).asNumber().isEqualTo(404))
                .hasPathSatisfying("$.type", type -> assertThat(type).asString().isEqualTo("about:blank"))
                .hasPath("$.title")
                .hasPath("$.detail");
    }
}
