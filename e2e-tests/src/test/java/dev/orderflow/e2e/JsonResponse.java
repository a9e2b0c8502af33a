package dev.orderflow.e2e;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/** An HTTP answer with its body read as JSON (a missing node when there is no body). */
public record JsonResponse(int status, HttpHeaders headers, JsonNode body) {

    public String field(String name) {
        return body.path(name).asString();
    }

    /** The value of {@code name} in each element of a JSON array body, in order. */
    public List<String> fieldOfEach(String name) {
        return StreamSupport.stream(body.spliterator(), false).map(element -> element.path(name).asString()).toList();
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
