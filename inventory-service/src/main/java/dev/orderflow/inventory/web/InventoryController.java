package dev.orderflow.inventory.web;

import dev.orderflow.inventory.domain.Inventory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/inventory")
public class InventoryController {

    static final String SKU_PATTERN = "[A-Za-z0-9._-]{1,64}";

    private final Inventory inventory;

    public InventoryController(Inventory inventory) {
        this.inventory = inventory;
    }

    @GetMapping
    public List<StockItemResponse> list() {
        return inventory.findAll().stream().map(StockItemResponse::of).toList();
    }

    @GetMapping("/{sku}")
    public StockItemResponse get(@PathVariable @Pattern(regexp = SKU_PATTERN) String sku) {
        return inventory.find(sku).map(StockItemResponse::of).orElseThrow(() -> new UnknownSkuException(sku));
    }

    @PutMapping("/{sku}")
    public StockItemResponse setAvailable(@PathVariable @Pattern(regexp = SKU_PATTERN) String sku,
            @RequestBody @Valid SetAvailableRequest request) {
        return StockItemResponse.of(inventory.setAvailable(sku, request.available()));
    }
}
