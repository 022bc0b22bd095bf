package io.dispatch.callback;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface CallbackAttemptRepository extends JpaRepository<CallbackAttempt, Long> {

    List<CallbackAttempt> findByTicketIdOrderByAttempt(UUID ticketId);
}
