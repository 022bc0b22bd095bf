/**
 * The web dashboard at {@code /dashboard}: server-rendered pages (Thymeleaf, with htmx for the parts
 * that refresh or act in place) over the same reads and actions as the API, signed in with a key.
 */
@NullMarked
package io.dispatch.dashboard;

import org.jspecify.annotations.NullMarked;
