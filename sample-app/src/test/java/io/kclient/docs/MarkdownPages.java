package io.kclient.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The repository's files, above all its Markdown pages (README, CONTRIBUTING, docs/, the benchmark's pages), read from
 * the repository root, for the tests that keep the documentation honest.
 */
final class MarkdownPages {

    /** Tests run in the module's directory; the repository root is its parent. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Build output, version control and local data: no page of ours lives there. */
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", "node_modules", "kafka-data");

    private MarkdownPages() {
    }

    /** Every Markdown file of the repository, in a stable order. */
    static List<Path> all() {
        return files(".md");
    }

    /** Every file of the repository whose name ends with the suffix, in a stable order. */
    static List<Path> files(String suffix) {
        List<Path> pages = new ArrayList<>();
        try {
            Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return SKIPPED_DIRECTORIES.contains(String.valueOf(dir.getFileName())) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.getFileName().toString().endsWith(suffix)) {
                        pages.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Collections.sort(pages);
        return pages;
    }

    /** The page's lines. */
    static List<String> lines(Path page) {
        try {
            return Files.readAllLines(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's path from the repository root, as failures name it: {@code docs/handlers.md}. */
    static String name(Path page) {
        return ROOT.relativize(page).toString().replace('\\', '/');
    }

    /** Whether the line opens or closes a fenced code block. */
    static boolean isFence(String line) {
        return line.stripLeading().startsWith("```");
    }
}
