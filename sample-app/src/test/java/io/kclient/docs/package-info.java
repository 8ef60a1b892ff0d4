/**
 * The documentation's Java examples, compiled with the tests, and the tests that keep the pages
 * honest: {@link io.kclient.docs.DocsExamplesTests} checks that every Java block of README.md,
 * CONTRIBUTING.md and docs/ stands here word for word, once; {@link io.kclient.docs.DocsLinksTests}
 * that every relative link and anchor resolves and every test class a page names exists.
 */
package io.kclient.docs;
