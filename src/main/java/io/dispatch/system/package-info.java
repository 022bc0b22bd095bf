@NullMarked
package io.dispatch.system;

import org.jspecify.annotations.NullMarked;
