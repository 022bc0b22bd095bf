/**
 * What each client may use of the service (release 0.3): its limits, from settings unless an
 * operator set them, the submission rate's token buckets shared by every instance, and the count
 * of its open tickets against its quota.
 */
@NullMarked
@NamedInterface("limits")
package io.dispatch.client.limits;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
