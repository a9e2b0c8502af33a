package dev.orderflow.inventory.messaging;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface OutboxEventRepository extends JpaRepository<OutboxEvent, Long> {

    /** Held until the transaction ends, so at most one relay of this service publishes at a time. */
    @Query(value = "select pg_try_advisory_xact_lock(:key)", nativeQuery = true)
    boolean tryRelayLock(@Param("key") long key);

    List<OutboxEvent> findAllByOrderByIdAsc(Limit limit);

    /**
     * Deletes exactly the rows that were sent. Not {@code id <= max}: a transaction that drew a lower id
     * can commit after the batch was read, and its row must not vanish unsent.
     */
    @Modifying
    @Query("delete from OutboxEvent e where e.id in :ids")
    int deleteSent(@Param("ids") List<Long> ids);
}
