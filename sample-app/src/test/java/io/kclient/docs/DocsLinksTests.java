package io.kclient.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of every Markdown page reaches a file of the repository, and every anchor a
 * heading of its page (as GitHub names headings); every test class a page names exists. Cheap, and
 * it keeps pages honest when others are renamed, split or moved.
 */
class DocsLinksTests {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    /** A test class name, not a pattern ({@code *IntegrationTests}) nor part of an option ({@code -DskipTests}). */
    private static final Pattern TEST_CLASS = Pattern.compile("(?<![\\w*!.-])([A-Z]\\w*Tests)\\b");

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        List<String> broken = new ArrayList<>();
        for (Path page : MarkdownPages.all()) {
            for (String target : links(page)) {
                String problem = problem(page, target);
                if (problem != null) {
                    broken.add(MarkdownPages.name(page) + ": (" + target + ") " + problem);
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void everyTestClassThePagesNameExists() {
        Set<String> testClasses = MarkdownPages.files("Tests.java").stream().map(file -> file.getFileName().toString())
                .map(name -> name.substring(0, name.length() - ".java".length())).collect(Collectors.toSet());
        Map<String, Set<String>> unknown = new HashMap<>();
        for (Path page : MarkdownPages.all()) {
            Matcher matcher = TEST_CLASS.matcher(String.join("\n", MarkdownPages.lines(page)));
            while (matcher.find()) {
                if (!testClasses.contains(matcher.group(1))) {
                    unknown.computeIfAbsent(MarkdownPages.name(page), p -> new LinkedHashSet<>()).add(matcher.group(1));
                }
            }
        }
        assertThat(unknown).as("test classes the pages name that no module has").isEmpty();
    }

    /** Why the link does not resolve, or null when it does. */
    private static String problem(Path page, String target) {
        if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
            return null; // http:, https:, mailto: leave the repository
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path file = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
        if (!file.startsWith(MarkdownPages.ROOT)) {
            return "leaves the repository";
        }
        if (!Files.exists(file)) {
            return "no such file";
        }
        if (anchor == null) {
            return null;
        }
        if (!file.toString().endsWith(".md")) {
            return "an anchor into a page that is not Markdown";
        }
        return anchors(file).contains(anchor) ? null : "no heading with this anchor in " + MarkdownPages.name(file);
    }

    /** The link targets of a page, outside code blocks and code spans. */
    private static List<String> links(Path page) {
        List<String> targets = new ArrayList<>();
        boolean inFence = false;
        for (String line : MarkdownPages.lines(page)) {
            if (MarkdownPages.isFence(line)) {
                inFence = !inFence;
            } else if (!inFence) {
                Matcher matcher = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
                while (matcher.find()) {
                    targets.add(matcher.group(1));
                }
            }
        }
        return targets;
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as dashes, repeats numbered. */
    static Set<String> anchors(Path page) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : MarkdownPages.lines(page)) {
            if (MarkdownPages.isFence(line)) {
                inFence = !inFence;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (inFence || !heading.matches()) {
                continue;
            }
            String text = heading.group(1).replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "").replace("*", "");
            String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{Pc} -]", "").replace(' ', '-');
            int repeats = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
        }
        return anchors;
    }
}
