@NullMarked
package io.dispatch.ticket;

import org.jspecify.annotations.NullMarked;
