package io.kclient.boot.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.HttpRequestHandler;

/**
 * Serves the console's one page: HTML with its style and script inline, read once from the class
 * path. Its Content-Security-Policy allows that style and script by hash and nothing else but
 * calls to this server, so even a hostile payload shown in a dead letter's preview could run nothing.
 */
final class ConsolePage implements HttpRequestHandler {

    static final String RESOURCE = "/io/kclient/boot/console/console.html";

    private final byte[] html;
    private final String policy;

    ConsolePage() {
        String page = read();
        this.html = page.getBytes(StandardCharsets.UTF_8);
        this.policy = "default-src 'none'; script-src " + hashOf("script", page) + "; style-src " + hashOf("style", page)
                + "; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setContentLength(html.length);
        if ("GET".equals(request.getMethod())) {
            response.getOutputStream().write(html);
        }
    }

    String policy() {
        return policy;
    }

    private static String read() {
        try (InputStream in = ConsolePage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The console page " + RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSP source of the page's one {@code <tag>} element: the SHA-256 of its content. */
    private static String hashOf(String tag, String page) {
        Matcher element = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(page);
        if (!element.find()) {
            throw new IllegalStateException("The console page has no <" + tag + "> element");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(element.group(1).getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
