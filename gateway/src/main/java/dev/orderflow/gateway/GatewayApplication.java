package dev.orderflow.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The only public entry to orderflow: routes {@code /api/**} to the services (routes in
 * {@code application.yml}) and answers every error it produces itself as {@code application/problem+json}.
 */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
