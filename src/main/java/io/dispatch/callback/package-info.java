@NullMarked
package io.dispatch.callback;

import org.jspecify.annotations.NullMarked;
