package io.dispatch.callback;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface CallbackDeliveryRepository extends JpaRepository<CallbackDelivery, UUID> {
}
