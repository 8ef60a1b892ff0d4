package io.kclient.sample.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/messages/{topic}} publishes a JSON test message; {@code GET
 * /api/messages/{topic}?limit=N} returns the topic's last N records.
 */
@RestController
@RequestMapping("/api/messages")
class MessagesController {

    private final MessagePublisher publisher;
    private final TopicReader reader;
    private final ObjectMapper json;
    private final ApiProperties api;

    MessagesController(MessagePublisher publisher, TopicReader reader, ObjectMapper json, ApiProperties api) {
        this.publisher = publisher;
        this.reader = reader;
        this.json = json;
        this.api = api;
    }

    @PostMapping("/{topic}")
    ResponseEntity<PublishedRecord> publish(@PathVariable String topic, @RequestParam(required = false) String key,
            @RequestHeader(name = "Content-Length", required = false) Long contentLength,
            InputStream bodyStream) throws IOException {
        if (contentLength != null && contentLength > api.maxPayloadBytes()) {
            throw new PayloadTooLargeException(contentLength, api.maxPayloadBytes());
        }
        // read no more than the limit allows: a chunked body has no length to refuse it by beforehand
        byte[] body = bodyStream.readNBytes(api.maxPayloadBytes() + 1);
        if (body.length > api.maxPayloadBytes()) {
            throw PayloadTooLargeException.unsized(api.maxPayloadBytes());
        }
        if (body.length == 0) {
            throw new BadRequestException("The body must be a JSON document");
        }
        try {
            json.readTree(body);
        } catch (JacksonException e) {
            throw new BadRequestException("The body is not valid JSON: " + e.getOriginalMessage());
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(publisher.publish(topic, key, body));
    }

    @GetMapping("/{topic}")
    List<StoredRecord> last(@PathVariable String topic, @RequestParam(defaultValue = "10") int limit) {
        if (limit < 1 || limit > api.maxLimit()) {
            throw new BadRequestException("limit must be between 1 and " + api.maxLimit() + ", was " + limit);
        }
        return reader.last(topic, limit);
    }
}
