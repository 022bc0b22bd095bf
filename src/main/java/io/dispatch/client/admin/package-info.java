/**
 * Making clients and their keys, and rotating their webhook secrets: the operators' API and the development client.
 */
@NullMarked
@NamedInterface("admin")
package io.dispatch.client.admin;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
