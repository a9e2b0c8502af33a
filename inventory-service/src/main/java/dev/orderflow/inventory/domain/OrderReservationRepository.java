package dev.orderflow.inventory.domain;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface OrderReservationRepository extends JpaRepository<OrderReservation, UUID> {
}
