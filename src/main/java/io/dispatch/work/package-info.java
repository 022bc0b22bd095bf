@NullMarked
package io.dispatch.work;

import org.jspecify.annotations.NullMarked;
