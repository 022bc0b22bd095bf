@NullMarked
package io.dispatch;

import org.jspecify.annotations.NullMarked;
