package io.kclient.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A few lines of HTTP for the tests, as a user's curl would send them. */
final class Http {

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
