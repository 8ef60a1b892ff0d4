package io.kclient.sample;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A few lines of HTTP for the tests, as a user's curl would send them. */
final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;

    Http(int port) {
        this("http://localhost:" + port, null);
    }

    private Http(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same requests with HTTP basic credentials. */
    Http withBasicAuth(String user, String password) {
        return new Http(base, "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    HttpResponse<String> post(String path, String json) {
        return post(path, HttpRequest.BodyPublishers.ofString(json));
    }

    /** A body sent in chunks, with no Content-Length, as a streaming client sends it. */
    HttpResponse<String> postChunked(String path, byte[] body) {
        return post(path, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    /** A POST with no body and no Content-Type, as {@code curl -X POST} sends it. */
    HttpResponse<String> post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** Waits until {@code GET /api/messages/{topic}} shows a record with this key, and returns it. */
    JsonNode awaitRecord(String topic, String key) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = get("/api/messages/" + topic + "?limit=1000");
            if (response.statusCode() != 200) {
                return false;
            }
            for (JsonNode record : JSON.readTree(response.body())) {
                if (key.equals(record.get("key").asString())) {
                    found[0] = record;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) {
        return send(request(path).header("Content-Type", "application/json").POST(body).build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
