/**
 * Helpers of the statements every table class writes: batch values, status counts, and telling a database that is away from a statement that is wrong.
 */
@NullMarked
@NamedInterface("sql")
package io.dispatch.system.sql;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
