/**
 * Sending callbacks: claimed attempts in sending slots, signed, POSTed with the policy as the resolver, their outcomes stored in batches.
 */
@NullMarked
package io.dispatch.callback.sending;


import org.jspecify.annotations.NullMarked;
